package kvspoolguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.run.UpdateCap;
import org.junit.jupiter.api.Test;

class GuardConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("ACCOUNT_ID", "123456789012");
        env.put("STATE_TABLE_NAME", "state");
        env.put("EVENT_BUS_NAME", "bus");
        return env;
    }

    @Test
    void fromEnvironment_minimal_hasTheDocumentedDefaults() {
        GuardConfig config = GuardConfig.fromEnvironment(minimal());

        assertThat(config.regions()).containsExactly("us-east-1");
        assertThat(config.defaultPolicy().defaults()).isEqualTo(Bounds.between(24, 720));
        assertThat(config.defaultPolicy().exemptTag()).isEqualTo(ExemptTag.DEFAULT);
        assertThat(config.policyParameter()).isNull();
        assertThat(config.policyTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.dryRun()).isFalse();
        assertThat(config.updateCap()).isEqualTo(UpdateCap.NONE);
        assertThat(config.maxConcurrency()).isEqualTo(16);
        assertThat(config.chimeRequestsPerSecond()).isEqualTo(25);
    }

    @Test
    void fromEnvironment_everySetting_isRead() {
        Map<String, String> env = minimal();
        env.putAll(Map.of("REGIONS", "eu-west-1, us-east-1,ap-south-1", "MIN_RETENTION_HOURS", "48",
                "MAX_RETENTION_HOURS", "168", "EXEMPT_TAG", "legal-hold=yes", "POLICY_PARAMETER_NAME", "/p",
                "POLICY_CACHE_SECONDS", "5", "DRY_RUN", "TRUE", "MAX_UPDATES_PER_RUN", "10%,50",
                "MAX_CONCURRENCY", "8"));
        env.put("CHIME_REQUESTS_PER_SECOND", "0");

        GuardConfig config = GuardConfig.fromEnvironment(env);

        assertThat(config.regions()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
        assertThat(config.defaultPolicy().defaults()).isEqualTo(Bounds.between(48, 168));
        assertThat(config.defaultPolicy().exemptTag()).isEqualTo(new ExemptTag("legal-hold", "yes"));
        assertThat(config.policyParameter()).isEqualTo("/p");
        assertThat(config.policyTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dryRun()).isTrue();
        assertThat(config.updateCap()).isEqualTo(new UpdateCap(50, 10));
        assertThat(config.maxConcurrency()).isEqualTo(8);
        assertThat(config.chimeRequestsPerSecond()).isZero();
    }

    @Test
    void fromEnvironment_exemptionOff() {
        Map<String, String> env = minimal();
        env.put("EXEMPT_TAG", "none");

        assertThat(GuardConfig.fromEnvironment(env).defaultPolicy().exemptTag()).isNull();
    }

    @Test
    void fromEnvironment_badValues_areAllListedAtOnce() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "MIN_RETENTION_HOURS", "900",
                "MAX_RETENTION_HOURS", "10", "DRY_RUN", "maybe", "MAX_UPDATES_PER_RUN", "ten",
                "MAX_CONCURRENCY", "0"));

        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STATE_TABLE_NAME is not set")
                .hasMessageContaining("EVENT_BUS_NAME is not set")
                .hasMessageContaining("minHours 900 is greater than maxHours 10")
                .hasMessageContaining("DRY_RUN must be true or false, got 'maybe'")
                .hasMessageContaining("MAX_UPDATES_PER_RUN: must be a count")
                .hasMessageContaining("MAX_CONCURRENCY must be a whole number within 1..64, got '0'");
    }

    @Test
    void updateCap_acceptsTheDocumentedForms_only() {
        assertThat(GuardConfig.updateCap("")).isEqualTo(UpdateCap.NONE);
        assertThat(GuardConfig.updateCap("50")).isEqualTo(new UpdateCap(50, null));
        assertThat(GuardConfig.updateCap("10%")).isEqualTo(new UpdateCap(null, 10));
        for (String bad : List.of("101%", "-1", "5,6", "10%,20%", "x%", "1e3")) {
            assertThatThrownBy(() -> GuardConfig.updateCap(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
