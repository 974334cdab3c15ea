package kvspoolguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kvspoolguard.core.attribution.GuardSessions;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.pool.Shard;
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
        assertThat(config.defaultPolicy().exemptTag()).as("the exemption tag is opt-in").isNull();
        assertThat(config.policyParameter()).isNull();
        assertThat(config.policyTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.dryRun()).isFalse();
        assertThat(config.updateCap()).isEqualTo(UpdateCap.NONE);
        assertThat(config.maxConcurrency()).isEqualTo(16);
        assertThat(config.chimeRequestsPerSecond()).isEqualTo(25);
        assertThat(config.streamRequestsPerSecond()).as("within KVS's quotas").isEqualTo(20);
        assertThat(config.governed().accounts()).containsExactly("123456789012");
        assertThat(config.organization()).isNull();
        assertThat(config.memberRoleName()).isEqualTo("KvsPoolGuardMember");
        assertThat(config.runOptions("r", false).deadline()).isEqualTo(Duration.ofMinutes(60));
        assertThat(config.stepRetry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.policyMaxStandIn()).isEqualTo(Duration.ofMinutes(180));
    }

    @Test
    void fromEnvironment_stepRetry_andPolicyStandIn_areRead_withinTheirBounds() {
        Map<String, String> env = minimal();
        env.put("STEP_RETRY_SECONDS", "3");
        env.put("POLICY_MAX_STAND_IN_MINUTES", "0");
        GuardConfig config = GuardConfig.fromEnvironment(env);
        assertThat(config.stepRetry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.policyMaxStandIn()).as("0: the last policy never stands in").isZero();

        env.put("STEP_RETRY_SECONDS", "901");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STEP_RETRY_SECONDS must be a whole number within 1..900, got '901'");
        env.put("STEP_RETRY_SECONDS", "3");
        env.put("POLICY_MAX_STAND_IN_MINUTES", "-1");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("POLICY_MAX_STAND_IN_MINUTES must be a whole number within 0..10080, got '-1'");
    }

    @Test
    void fromEnvironment_runDeadline_isMinutes_withinItsBounds() {
        Map<String, String> env = minimal();
        env.put("RUN_DEADLINE_MINUTES", "15");
        assertThat(GuardConfig.fromEnvironment(env).runOptions("r", false).deadline()).isEqualTo(Duration.ofMinutes(15));

        env.put("RUN_DEADLINE_MINUTES", "0");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("RUN_DEADLINE_MINUTES must be a whole number within 1..10080, got '0'");
    }

    @Test
    void fromEnvironment_guardRoles_nameTheGuardsOwnSessions_exactly_andMustBeArns() {
        Map<String, String> env = minimal();
        assertThat(GuardConfig.fromEnvironment(env).sessions())
                .isEqualTo(new GuardSessions("123456789012", Set.of(), "KvsPoolGuardMember"));

        String enforcer = "arn:aws:iam::123456789012:role/kvs-pool-guard/prod/prod-Enforcer-1A";
        String api = "arn:aws:iam::123456789012:role/kvs-pool-guard/prod/prod-Api-2B";
        env.put("GUARD_ROLES", enforcer + ", " + api + ",");
        env.put("MEMBER_ROLE_NAME", "GuardMember");
        assertThat(GuardConfig.fromEnvironment(env).sessions())
                .isEqualTo(new GuardSessions("123456789012", Set.of(enforcer, api), "GuardMember"));

        for (String bad : List.of("/kvs-pool-guard/prod/", "role/x", "arn:aws:iam::1:role/a b")) {
            env.put("GUARD_ROLES", bad);
            assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("GUARD_ROLES: must be role ARNs").hasMessageContaining(bad);
        }
    }

    @Test
    void fromEnvironment_historyRetention_isDays_400WhenNotSet_withinItsBounds() {
        Map<String, String> env = minimal();
        assertThat(GuardConfig.fromEnvironment(env).historyRetention()).isEqualTo(Duration.ofDays(400));

        env.put("HISTORY_RETENTION_DAYS", "30");
        assertThat(GuardConfig.fromEnvironment(env).historyRetention()).isEqualTo(Duration.ofDays(30));

        env.put("HISTORY_RETENTION_DAYS", "3651");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HISTORY_RETENTION_DAYS must be a whole number within 1..3650, got '3651'");
    }

    @Test
    void fromEnvironment_everySetting_isRead() {
        Map<String, String> env = minimal();
        env.putAll(Map.of("REGIONS", "eu-west-1, us-east-1,ap-south-1", "MIN_RETENTION_HOURS", "48",
                "MAX_RETENTION_HOURS", "168", "EXEMPT_TAG", "legal-hold=yes", "POLICY_PARAMETER_NAME", "/p",
                "POLICY_CACHE_SECONDS", "5", "DRY_RUN", "TRUE", "MAX_UPDATES_PER_RUN", "10%,50",
                "MAX_CONCURRENCY", "8"));
        env.put("CHIME_REQUESTS_PER_SECOND", "0");
        env.put("STREAM_REQUESTS_PER_SECOND", "5");
        env.put("MAX_DECREASES_PER_DAY", "20,5%");

        GuardConfig config = GuardConfig.fromEnvironment(env);

        assertThat(config.regions()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
        assertThat(config.defaultPolicy().defaults()).isEqualTo(Bounds.between(48, 168));
        assertThat(config.defaultPolicy().exemptTag()).isEqualTo(new ExemptTag("legal-hold", "yes"));
        assertThat(config.policyParameter()).isEqualTo("/p");
        assertThat(config.policyTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dryRun()).isTrue();
        assertThat(config.updateCap()).isEqualTo(new UpdateCap(50, 10));
        assertThat(config.decreasesPerDay()).isEqualTo(new UpdateCap(20, 5));
        assertThat(GuardConfig.fromEnvironment(minimal()).decreasesPerDay()).as("unset: no budget")
                .isEqualTo(UpdateCap.NONE);
        assertThat(config.maxConcurrency()).isEqualTo(8);
        assertThat(config.chimeRequestsPerSecond()).isZero();
        assertThat(config.streamRequestsPerSecond()).isEqualTo(5);
    }

    @Test
    void fromEnvironment_aStreamPaceAboveKvsQuota_isRefused() {
        Map<String, String> env = minimal();
        env.put("STREAM_REQUESTS_PER_SECOND", "51");

        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).hasMessageContaining("STREAM_REQUESTS_PER_SECOND");
    }

    @Test
    void fromEnvironment_exemptionOff() {
        Map<String, String> env = minimal();
        env.put("EXEMPT_TAG", "none");

        assertThat(GuardConfig.fromEnvironment(env).defaultPolicy().exemptTag()).isNull();
    }

    @Test
    void fromEnvironment_governedAccounts_putTheStacksOwnFirst_once_andNeedTheExternalId() {
        Map<String, String> env = minimal();
        env.put("GOVERNED_ACCOUNTS", " 210987654321,123456789012 ,109876543210");
        env.put("REGIONS", "eu-west-1");

        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MEMBER_EXTERNAL_ID is not set");
        env.put("MEMBER_EXTERNAL_ID", "ext-1");
        env.put("MEMBER_ROLE_NAME", "GuardMember");
        GuardConfig config = GuardConfig.fromEnvironment(env);

        assertThat(config.governed().accounts()).containsExactly("123456789012", "210987654321", "109876543210");
        assertThat(config.governed().home()).isEqualTo(new Shard("123456789012", "us-east-1"));
        assertThat(config.governed().all()).hasSize(6);
        assertThat(config.memberRoleName()).isEqualTo("GuardMember");
        assertThat(config.memberExternalId()).isEqualTo("ext-1");
    }

    @Test
    void fromEnvironment_badAccounts_areNamed() {
        Map<String, String> env = minimal();
        env.put("GOVERNED_ACCOUNTS", "21098765432x");
        env.put("MEMBER_EXTERNAL_ID", "ext-1");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GOVERNED_ACCOUNTS: an account id is 12 digits, got '21098765432x'");

        env.remove("GOVERNED_ACCOUNTS");
        env.put("ACCOUNT_ID", "self");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ACCOUNT_ID must be the stack's 12-digit account id, got 'self'");
        env.remove("ACCOUNT_ID");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ACCOUNT_ID is not set");
    }

    @Test
    void fromEnvironment_theWholeOrganisation_orSomeOfItsUnits() {
        Map<String, String> env = minimal();
        env.put("GOVERNED_ACCOUNTS", "ORGANIZATION");
        env.put("MEMBER_EXTERNAL_ID", "ext-1");
        GuardConfig whole = GuardConfig.fromEnvironment(env);
        env.put("GOVERNED_ORGANIZATIONAL_UNITS", "ou-ab12-11111111, r-ab12");
        env.put("ORGANIZATION_CACHE_SECONDS", "60");
        GuardConfig units = GuardConfig.fromEnvironment(env);

        assertThat(whole.organization()).isEqualTo(new GuardConfig.Organization(List.of(), Duration.ofMinutes(5)));
        assertThat(whole.governed().accounts()).containsExactly("123456789012");
        assertThat(units.organization()).isEqualTo(new GuardConfig.Organization(
                List.of("ou-ab12-11111111", "r-ab12"), Duration.ofMinutes(1)));
    }

    @Test
    void fromEnvironment_organisationalUnits_needTheOrganisation_andTheirOwnForm() {
        Map<String, String> env = minimal();
        env.put("GOVERNED_ORGANIZATIONAL_UNITS", "ou-ab12-11111111");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GOVERNED_ORGANIZATIONAL_UNITS narrows GOVERNED_ACCOUNTS=ORGANIZATION");

        env.put("GOVERNED_ACCOUNTS", "ORGANIZATION");
        env.put("GOVERNED_ORGANIZATIONAL_UNITS", "sales");
        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MEMBER_EXTERNAL_ID is not set")
                .hasMessageContaining("an organisational unit id is like ou-ab12-34cd56ef (or a root, like r-ab12), got 'sales'");
    }

    @Test
    void fromEnvironment_badValues_areAllListedAtOnce() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "MIN_RETENTION_HOURS", "900",
                "MAX_RETENTION_HOURS", "10", "DRY_RUN", "maybe", "MAX_UPDATES_PER_RUN", "ten",
                "MAX_CONCURRENCY", "0", "MAX_DECREASES_PER_DAY", "101%"));

        assertThatThrownBy(() -> GuardConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STATE_TABLE_NAME is not set")
                .hasMessageContaining("EVENT_BUS_NAME is not set")
                .hasMessageContaining("minHours 900 is greater than maxHours 10")
                .hasMessageContaining("DRY_RUN must be true or false, got 'maybe'")
                .hasMessageContaining("MAX_UPDATES_PER_RUN: must be a count")
                .hasMessageContaining("MAX_DECREASES_PER_DAY: must be a count")
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
