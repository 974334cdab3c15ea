package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may take a pool out of the policy, over the real wire: the exemption tag is the stack's to
 * turn on, CloudTrail's record of a tagging is kept so that the exemption it starts names who
 * tagged, and a listed exemption ends when its time comes, each start and end reported once.
 */
class ExemptionsIT {

    private static final String TAG = "kvs-pool-guard:exempt";
    private static final Map<String, String> TAGGED = Map.of(TAG, "true");

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator();

    private final LocalAws aws = LocalAws.get();
    private final Map<String, String> env = new HashMap<>();
    private LocalAwsServices.EventTap tap;

    @BeforeEach
    void freshStateAndBus() {
        tap = aws.newBusWithTap();
        env.putAll(aws.functionEnvironment(tap));
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(type)).toList();
    }

    @Test
    void aPoolItsOwnerTagged_isEnforced_whereTheTagIsOff() {
        CHIME.emulator().seed(EmulatedPool.active("sales-calls", 87_600).withTags(TAGGED));

        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("cloudtrail-tag-pool"));
        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));

        assertThat(summary.path("counts").path("ENFORCED").asInt()).as(summary.toString()).isEqualTo(1);
        assertThat(CHIME.emulator().pools()).singleElement().extracting(EmulatedPool::dataRetentionInHours)
                .isEqualTo(720);
        assertThat(ofType(EnforcerRuns.events(tap), "Pool Exemption Started")).isEmpty();
    }

    @Test
    void whereTheTagIsOn_itsTagging_startsAnExemption_once_namingWhoTaggedIt() {
        env.put("EXEMPT_TAG", TAG + "=true");
        CHIME.emulator().seed(EmulatedPool.active("sales-calls", 87_600).withTags(TAGGED));
        JsonNode record = EnforcerRuns.fresh("cloudtrail-tag-pool");

        EnforcerRuns.invoke(EnforcerRuns.handler(env), record);
        EnforcerRuns.invoke(EnforcerRuns.handler(env), record); // CloudTrail's record delivered again
        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        List<JsonNode> events = EnforcerRuns.events(tap);

        assertThat(CHIME.emulator().count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(ofType(events, "Pool Exemption Started")).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/basis").asText()).isEqualTo("TAG");
            assertThat(e.at("/detail/reason").asText()).isEqualTo("tagged kvs-pool-guard:exempt=true");
            assertThat(e.at("/detail/actor/principal").asText())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/jane");
            assertThat(e.at("/detail/actor/via").asText()).isEqualTo("cloudtrail");
            assertThat(e.at("/detail/trigger/kind").asText()).isEqualTo("schedule");
        });
    }

    @Test
    void aListedExemption_pastItsTime_isEnforced_andItsEndIsReportedOnce() throws InterruptedException {
        Instant until = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"exemptions": [{"pools": "arn:aws:chime:*:123456789012:media-pipeline-kinesis-video-stream-pool/legal-*",
                                 "reason": "matter 2026-114", "until": "%s"}]}""".formatted(until));
        env.put("POLICY_PARAMETER_NAME", parameter);
        CHIME.emulator().seed(EmulatedPool.active("legal-114", 87_600), EmulatedPool.active("calls", 48));

        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        List<JsonNode> during = EnforcerRuns.events(tap);
        Thread.sleep(Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) + 200);
        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        List<JsonNode> after = EnforcerRuns.events(tap);

        assertThat(ofType(during, "Pool Exemption Started")).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/basis").asText()).isEqualTo("LISTED");
            assertThat(e.at("/detail/until").asText()).isEqualTo(until.toString());
            assertThat(e.at("/detail/pool/name").asText()).isEqualTo("legal-114");
        });
        assertThat(ofType(after, "Pool Exemption Ended")).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/pool/name").asText()).isEqualTo("legal-114");
            assertThat(e.at("/detail/rule").asText()).isEqualTo("default");
        });
        assertThat(ofType(after, "Pool Exemption Started")).isEmpty();
        assertThat(CHIME.emulator().pools()).filteredOn(p -> p.name().equals("legal-114")).singleElement()
                .extracting(EmulatedPool::dataRetentionInHours).isEqualTo(720);
    }
}
