package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RetentionEnforcerFunction as `sam build` produced it, under AWS's Runtime Interface Emulator: the scheduled
 * sweep and every kind of aws.chime pool state-change event, from the samples in events/.
 */
class EnforcerEndToEndTest {

    private final BuiltStack stack = BuiltStack.get();

    @BeforeEach
    void freshFleet() {
        stack.chime.reset();
        stack.tap.drain();
    }

    @Test
    void scheduledSweep_bringsTheFleetIntoPolicy_andReportsEachChange() {
        stack.chime.seed(EmulatedPool.active("sweep-above", 2400), EmulatedPool.active("sweep-below", 6),
                EmulatedPool.active("sweep-within", 168),
                // its owner's tag exempts nothing: the template leaves the exemption tag off
                EmulatedPool.active("sweep-tagged", 9000).withTags(Map.of("kvs-pool-guard:exempt", "true")),
                EmulatedPool.active("sweep-updating", 4000).withStatus(PoolStatus.UPDATING));

        Invocation run = stack.sweep();

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(BuiltStack.json(run.payload()).path("queuedShards")).as("the planner queued the home shard")
                .extracting(JsonNode::asText).containsExactly("123456789012/us-east-1");
        assertThat(stack.pool("sweep-above").dataRetentionInHours()).isEqualTo(720);
        assertThat(stack.pool("sweep-below").dataRetentionInHours()).isEqualTo(24);
        assertThat(stack.pool("sweep-within").dataRetentionInHours()).isEqualTo(168);
        assertThat(stack.pool("sweep-tagged").dataRetentionInHours()).isEqualTo(720);
        assertThat(stack.pool("sweep-updating").dataRetentionInHours()).isEqualTo(4000);
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isEqualTo(3);
        List<JsonNode> events = stack.tap.drain();
        assertThat(ofType(events, "Pool Retention Enforced")).extracting(e -> e.at("/detail/pool/name").asText())
                .containsExactlyInAnyOrder("sweep-above", "sweep-below", "sweep-tagged");
        assertThat(ofType(events, "Pool Exemption Started")).isEmpty();
        assertThat(ofType(events, "Pool Retention Violation")).extracting(e -> e.at("/detail/reason").asText())
                .containsExactly("DEFERRED");
        assertThat(ofType(events, "Enforcement Run Completed")).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/counts/enforced").asInt()).isEqualTo(3);
            assertThat(e.at("/detail/counts/deferred").asInt()).isEqualTo(1);
            assertThat(e.at("/detail/counts/exempt").asInt()).isZero();
            assertThat(e.at("/detail/runId").asText()).isEqualTo(BuiltStack.json(run.payload()).path("runId").asText());
        });
        assertThat(run.report().line()).startsWith("REPORT RequestId: " + run.requestId()).contains("\tDuration: ");
    }

    @Test
    void updatedEvent_afterAnOutsidersChange_isReportedAsDrift_andCorrected() {
        stack.chime.seed(EmulatedPool.active("drifting", 168));
        assertThat(stack.sweep().failed()).isFalse();
        stack.tap.drain();
        stack.chime.seed(EmulatedPool.active("drifting", 5000)); // someone else's Update

        Invocation run = stack.enforcer.invoke(BuiltStack.sample("pool-updated.json", stack.arn("drifting")));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(stack.pool("drifting").dataRetentionInHours()).isEqualTo(720);
        List<JsonNode> events = stack.tap.drain();
        assertThat(ofType(events, "Pool Retention Drifted")).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/retentionHours").asInt()).isEqualTo(5000));
        assertThat(ofType(events, "Pool Retention Enforced")).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/toHours").asInt()).isEqualTo(720));
    }

    @Test
    void activeEvent_forANewPoolOutsidePolicy_enforcesIt() {
        stack.chime.seed(EmulatedPool.active("fresh", 2400));

        Invocation run = stack.enforcer.invoke(BuiltStack.sample("pool-active.json", stack.arn("fresh")));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(stack.pool("fresh").dataRetentionInHours()).isEqualTo(720);
        assertThat(ofType(stack.tap.drain(), "Pool Retention Enforced")).hasSize(1);
    }

    @Test
    void policyInSsm_isReadBySigV4GetParameter_andItsRuleApplies() {
        String parameter = "/kvs-pool-guard/e2e/" + java.util.UUID.randomUUID() + "/policy";
        stack.aws.putParameter(parameter, """
                {"version": "e2e-1", "rules": [{"name": "legal", "match": {"name": "legal-*"}, "targetHours": 2160}]}""");
        stack.chime.seed(EmulatedPool.active("legal-hold", 720));

        Invocation run;
        try (var withPolicy = stack.variant("RetentionEnforcerFunction", 60, Map.of("POLICY_PARAMETER_NAME", parameter))) {
            run = withPolicy.invoke(BuiltStack.sample("pool-active.json", stack.arn("legal-hold")));
        }

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(stack.pool("legal-hold").dataRetentionInHours()).isEqualTo(2160);
        assertThat(ofType(stack.tap.drain(), "Pool Retention Enforced")).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/rule").asText()).isEqualTo("legal"));
    }

    @Test
    void deletedEvent_isReportedAsDeleted_withoutAnyUpdate() {
        stack.chime.seed(EmulatedPool.active("going", 168));
        assertThat(stack.sweep().failed()).isFalse();
        stack.chime.reset();
        stack.tap.drain();

        Invocation run = stack.enforcer.invoke(BuiltStack.sample("pool-deleted.json", stack.arn("going")));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isZero();
        List<JsonNode> events = stack.tap.drain();
        assertThat(ofType(events, "Pool Status Changed")).as("events: %s", events).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/change").asText()).isEqualTo("DELETED"));
    }

    @ParameterizedTest
    @CsvSource({
        "pool-temporary-failure.json, chime:MediaPipelineKinesisVideoStreamPoolTemporaryFailure",
        "pool-permanent-failure.json, chime:MediaPipelineKinesisVideoStreamPoolPermanentFailure",
        "pool-stream-limit-exceeded.json, chime:MediaPipelineKinesisVideoStreamPoolStreamLimitExceeded"
    })
    void failureEvents_areReported_withTheAwsEventType(String sample, String failure) {
        stack.chime.seed(EmulatedPool.active("failing", 168));

        Invocation run = stack.enforcer.invoke(BuiltStack.sample(sample, stack.arn("failing")));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(ofType(stack.tap.drain(), "Pool Status Changed"))
                .filteredOn(e -> e.at("/detail/change").asText().equals("FAILURE_REPORTED"))
                .singleElement()
                .satisfies(e -> assertThat(e.at("/detail/failure").asText()).isEqualTo(failure));
    }

    @Test
    void malformedEvent_failsTheInvocation_withAClearError_andTouchesNothing() {
        stack.chime.seed(EmulatedPool.active("untouched", 2400));

        Invocation run = stack.enforcer.invoke(BuiltStack.sample("malformed-pool-state-change.json", null));

        assertThat(run.failed()).isTrue();
        assertThat(BuiltStack.json(run.payload()).path("errorMessage").asText()).isNotBlank();
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(stack.pool("untouched").dataRetentionInHours()).isEqualTo(2400);
    }

    /** Truncated, oversized, unknown and not-JSON events: each refused, counted, logged; nothing touched. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"truncated", "oversized", "unknown source", "not JSON", "no detail"})
    void badEvent_isRefused_counted_andLogged_andTouchesNothing(String kind) throws Exception {
        stack.chime.seed(EmulatedPool.active("untouched", 2400));
        String schedule = new String(BuiltStack.sample("schedule.json", null), java.nio.charset.StandardCharsets.UTF_8);
        String event = switch (kind) {
            case "truncated" -> schedule.substring(0, schedule.length() / 2);
            case "oversized" -> schedule.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(300 * 1024) + "\",");
            case "unknown source" -> schedule.replace("aws.events", "aws.s3");
            case "not JSON" -> "<Event>not json</Event>";
            default -> new String(BuiltStack.sample("pool-active.json", stack.arn("untouched")),
                    java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\"detail\"\\s*:", "\"detail-was\":");
        };
        int logged = stack.logLines().size();

        Invocation run = stack.enforcer.invoke(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(run.failed()).as("failed, so that Lambda retries it and then keeps it in the DLQ").isTrue();
        assertThat(BuiltStack.json(run.payload()).path("errorType").asText()).contains("MalformedEventException");
        assertThat(BuiltStack.json(run.payload()).path("errorMessage").asText()).isNotBlank();
        assertThat(stack.chime.requests()).as("no call to AWS").isEmpty();
        assertThat(stack.pool("untouched").dataRetentionInHours()).isEqualTo(2400);
        assertThat(stack.tap.drain()).isEmpty();
        List<String> lines = stack.logLines().subList(logged, stack.logLines().size());
        assertThat(lines).as("logged").anyMatch(l -> l.contains("malformed event, not handled"));
        assertThat(lines).as("counted (EMF)").anyMatch(l -> l.contains("\"MalformedEvents\""));
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(type)).toList();
    }
}
