package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.aws.ChimeClients;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RetentionEnforcerFunction's handler, in process, over the real wire: the Chime emulator,
 * moto's DynamoDB for state and moto's EventBridge delivering every event to an SQS queue read here.
 * Every event read is checked against its published schema.
 */
class RetentionEnforcerIT {

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator(ChimePoolEmulator.builder().faultSeed(42));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws = LocalAws.get();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private LocalAwsServices.EventTap tap;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void freshStateAndBus() {
        tap = aws.newBusWithTap();
        env.putAll(aws.functionEnvironment(tap));
    }

    private RetentionEnforcerHandler handler() {
        return EnforcerRuns.handler(env);
    }

    private static JsonNode invoke(RetentionEnforcerHandler handler, JsonNode event) {
        return EnforcerRuns.invoke(handler, event);
    }

    private static ObjectNode sample(String name) {
        return EnforcerRuns.sample(name);
    }

    private static ObjectNode schedule() {
        return EnforcerRuns.fresh("schedule");
    }

    private ObjectNode poolEvent(String sample, String pool) {
        return EnforcerRuns.poolEvent(sample, emulator.poolArn("us-east-1", pool));
    }

    /** Every event delivered since the last call, each checked against its schema. */
    private List<JsonNode> events() {
        return EnforcerRuns.events(tap);
    }

    private static Map<String, Long> countByType(List<JsonNode> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.path("detail-type").asText(), Collectors.counting()));
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(type)).toList();
    }

    private long updates() {
        return emulator.count(Operation.UPDATE_POOL).calls();
    }

    private void seedMixedFleet() {
        emulator.seed(EmulatedPool.active("above", 2400), EmulatedPool.active("below", 6),
                EmulatedPool.active("within", 48),
                EmulatedPool.active("busy", 4000).withStatus(PoolStatus.UPDATING),
                EmulatedPool.active("broken", 1).withStatus(PoolStatus.FAILED),
                EmulatedPool.active("held", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true")));
        env.put("EXEMPT_TAG", "kvs-pool-guard:exempt=true"); // "held" is exempt where the stack turns the tag on
    }

    @Test
    void sweep_mixedFleet_updatesExactlyTheNonCompliantActivePools_andReportsEachFactOnce() {
        seedMixedFleet();

        JsonNode summary = invoke(handler(), schedule());

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("above", 720), tuple("below", 24), tuple("within", 48),
                        tuple("busy", 4000), tuple("broken", 1), tuple("held", 87_600));
        assertThat(updates()).isEqualTo(2);
        assertThat(summary.path("counts").path("ENFORCED").asInt()).isEqualTo(2);
        assertThat(summary.path("counts").path("DEFERRED").asInt()).isEqualTo(2);
        List<JsonNode> first = events();
        assertThat(countByType(first)).isEqualTo(Map.of("Pool Status Changed", 6L, "Pool Retention Enforced", 2L,
                "Pool Retention Violation", 2L, "Pool Exemption Started", 1L, "Enforcement Run Completed", 1L));
        assertThat(ofType(first, "Pool Retention Enforced"))
                .extracting(e -> e.at("/detail/pool/name").asText(), e -> e.at("/detail/fromHours").asInt(),
                        e -> e.at("/detail/toHours").asInt())
                .containsExactlyInAnyOrder(tuple("above", 2400, 720), tuple("below", 6, 24));
        assertThat(ofType(first, "Pool Retention Violation"))
                .extracting(e -> e.at("/detail/pool/name").asText(), e -> e.at("/detail/reason").asText())
                .containsExactlyInAnyOrder(tuple("busy", "DEFERRED"), tuple("broken", "DEFERRED"));
        assertThat(ofType(first, "Pool Status Changed")).allSatisfy(e ->
                assertThat(e.at("/detail/change").asText()).isEqualTo("DISCOVERED"));

        JsonNode again = invoke(handler(), schedule());

        assertThat(updates()).as("a second sweep updates nothing").isEqualTo(2);
        assertThat(again.path("counts").path("ENFORCED").asInt()).isZero();
        List<JsonNode> second = events();
        assertThat(countByType(second)).as("nothing new but the run's own summary")
                .isEqualTo(Map.of("Enforcement Run Completed", 1L));
        assertThat(second.getFirst().at("/detail/counts/compliant").asInt()).isEqualTo(3);
    }

    @Test
    void updatedEvent_forAPoolWeJustFixed_causesNoFurtherUpdate() {
        emulator.seed(EmulatedPool.active("above", 2400));
        invoke(handler(), schedule());
        events();

        JsonNode summary = invoke(handler(), poolEvent("pool-updated", "above"));

        assertThat(updates()).isEqualTo(1);
        assertThat(summary.path("counts").path("COMPLIANT").asInt()).isEqualTo(1);
        assertThat(events()).isEmpty();
    }

    @Test
    void outsidersChange_isReportedAsDrift_andCorrected() {
        emulator.seed(EmulatedPool.active("p", 48));
        invoke(handler(), schedule());
        events();
        try (var outsider = ChimeClients.home("123456789012", List.of("us-east-1")).client(new Shard("123456789012", "us-east-1"))) {
            outsider.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p")
                    .streamConfiguration(c -> c.dataRetentionInHours(5000)));
        }

        invoke(handler(), poolEvent("pool-updated", "p"));

        List<JsonNode> events = events();
        assertThat(countByType(events)).isEqualTo(Map.of("Pool Retention Drifted", 1L, "Pool Retention Enforced", 1L));
        JsonNode drift = ofType(events, "Pool Retention Drifted").getFirst();
        assertThat(drift.at("/detail/previousRetentionHours").asInt()).isEqualTo(48);
        assertThat(drift.at("/detail/retentionHours").asInt()).isEqualTo(5000);
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(720);
    }

    /** CloudTrail's record of an Update of {@code pool} to {@code hours} in {@code account}, by {@code issuer}'s session. */
    private ObjectNode callRecord(String account, String pool, int hours, String issuer) {
        ObjectNode record = sample("cloudtrail-update-pool");
        record.put("account", account);
        ObjectNode detail = (ObjectNode) record.get("detail");
        detail.put("eventID", java.util.UUID.randomUUID().toString()).put("recipientAccountId", account)
                .put("eventTime", java.time.Instant.now().toString());
        ((ObjectNode) detail.get("requestParameters")).put("identifier", pool);
        ((ObjectNode) detail.at("/requestParameters/StreamConfiguration")).put("DataRetentionInHours", hours);
        ((ObjectNode) detail.at("/responseElements/KinesisVideoStreamPoolConfiguration")).put("PoolArn",
                emulator.poolArn("us-east-1", pool).replace("123456789012", account));
        ((ObjectNode) detail.at("/userIdentity/sessionContext/sessionIssuer")).put("arn", issuer);
        return record;
    }

    @Test
    void callRecords_ofAFailedCall_ofTheGuardsOwnRole_orOfAnUngovernedAccount_recordNothing_andReportNothing() {
        String ownRole = "arn:aws:iam::123456789012:role/kvs-pool-guard/local/local-RetentionEnforcerFunctionRole-1A2B";
        env.put("GUARD_ROLES", ownRole + ",arn:aws:iam::123456789012:role/kvs-pool-guard/local/local-PoolApiRole-3C");
        emulator.seed(EmulatedPool.active("p", 48));
        invoke(handler(), schedule());
        events();
        ObjectNode failed = callRecord("123456789012", "p", 5000, "arn:aws:iam::123456789012:role/Admin");
        ((ObjectNode) failed.get("detail")).put("errorCode", "AccessDenied");
        ObjectNode own = callRecord("123456789012", "p", 720, ownRole);
        ObjectNode stranger = callRecord("999999999999", "p", 5000, "arn:aws:iam::999999999999:role/Admin");

        JsonNode failedSummary = invoke(handler(), failed);
        JsonNode ownSummary = invoke(handler(), own);
        JsonNode strangerSummary = invoke(handler(), stranger);

        assertThat(failedSummary.path("trigger").asText()).isEqualTo("api-call");
        assertThat(ownSummary.path("trigger").asText()).isEqualTo("api-call");
        assertThat(strangerSummary.path("refused").asText()).contains("999999999999");
        assertThat(events()).isEmpty();
        var items = aws.dynamoDbClient.scanPaginator(r -> r.tableName(env.get("STATE_TABLE_NAME"))).items();
        assertThat(items).noneMatch(item -> item.get("pk").s().startsWith("calls#"));
    }

    @RepeatedTest(5) // a race: each repetition is another chance to interleave badly
    void twoSweepsAtOnce_reportEachTransitionOnce() throws Exception {
        emulator.seed(IntStream.range(0, 20).mapToObj(i -> EmulatedPool.active("p" + i, i % 2 == 0 ? 5000 : 48))
                .toArray(EmulatedPool[]::new));
        RetentionEnforcerHandler a = handler();
        RetentionEnforcerHandler b = handler();

        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            Future<JsonNode> first = two.submit(() -> invoke(a, schedule()));
            Future<JsonNode> second = two.submit(() -> invoke(b, schedule()));
            first.get();
            second.get();
        }

        List<JsonNode> events = events();
        List<String> transitions = events.stream()
                .filter(e -> e.path("detail-type").asText().startsWith("Pool Status")
                        || e.path("detail-type").asText().equals("Pool Retention Drifted"))
                .map(e -> e.at("/detail/pool/name").asText() + "/" + e.path("detail-type").asText()
                        + "/" + e.at("/detail/change").asText() + e.at("/detail/status").asText())
                .toList();
        assertThat(transitions).doesNotHaveDuplicates().hasSize(20)
                .allSatisfy(t -> assertThat(t).contains("Pool Status Changed/DISCOVERED"));
        assertThat(emulator.pools()).allSatisfy(p -> assertThat(p.dataRetentionInHours()).isBetween(24, 720));
    }

    @Test
    void sweepsUnderThrottlingAndServerErrors_converge_withoutTouchingInactivePools() {
        List<EmulatedPool> fleet = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            EmulatedPool pool = EmulatedPool.active("f" + i, i % 3 == 0 ? 2 : 9000);
            fleet.add(i % 5 == 0 ? pool.withStatus(PoolStatus.UPDATING) : pool);
        }
        emulator.seed(fleet.toArray(EmulatedPool[]::new));
        for (Operation op : List.of(Operation.LIST_POOLS, Operation.GET_POOL, Operation.UPDATE_POOL)) {
            emulator.injectFaults(FaultRule.sometimes(op, Fault.throttle(), 0.20),
                    FaultRule.sometimes(op, Fault.serviceFailure(), 0.05));
        }
        env.put("EXEMPT_TAG", "none");
        RetentionEnforcerHandler handler = handler();

        int sweeps = 0;
        boolean converged = false;
        while (!converged && sweeps < 8) {
            sweeps++;
            try {
                invoke(handler, schedule());
            } catch (PoolDirectoryException listFailed) {
                // the List itself failed after the SDK's retries: the invocation fails, the next sweep tries again
                assertThat(listFailed.getMessage()).startsWith("list pools in");
                continue;
            }
            converged = emulator.pools().stream().filter(p -> p.status() == PoolStatus.ACTIVE)
                    .allMatch(p -> p.dataRetentionInHours() >= 24 && p.dataRetentionInHours() <= 720);
        }

        assertThat(converged).as("converged within %d sweeps", sweeps).isTrue();
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).as("faults were injected").isPositive();
        List<String> inactive = fleet.stream().filter(p -> p.status() != PoolStatus.ACTIVE).map(EmulatedPool::name)
                .toList();
        assertThat(emulator.requests()).filteredOn(r -> r.method().equals("PUT"))
                .extracting(RecordedRequest::rawPath)
                .noneMatch(path -> inactive.stream().anyMatch(name -> path.endsWith("%2F" + name)));
        assertThat(emulator.pools()).filteredOn(p -> inactive.contains(p.name()))
                .allSatisfy(p -> assertThat(p.dataRetentionInHours()).isIn(2, 9000));
    }

    @Test
    void dryRun_updatesNothing_andReportsEachViolationOnce() {
        seedMixedFleet();
        env.put("DRY_RUN", "true");

        invoke(handler(), schedule());
        invoke(handler(), schedule());

        assertThat(updates()).isZero();
        List<JsonNode> violations = ofType(events(), "Pool Retention Violation");
        assertThat(violations).extracting(e -> e.at("/detail/pool/name").asText(), e -> e.at("/detail/reason").asText())
                .containsExactlyInAnyOrder(tuple("above", "DRY_RUN"), tuple("below", "DRY_RUN"),
                        tuple("busy", "DEFERRED"), tuple("broken", "DEFERRED"));
    }

    @Test
    void cap_stopsAtTheCap_andTheRunSaysSo() {
        emulator.seed(IntStream.range(0, 5).mapToObj(i -> EmulatedPool.active("c" + i, 9000))
                .toArray(EmulatedPool[]::new));
        env.put("MAX_UPDATES_PER_RUN", "2");

        JsonNode summary = invoke(handler(), schedule());

        assertThat(updates()).isEqualTo(2);
        assertThat(summary.path("capReached").asBoolean()).isTrue();
        List<JsonNode> events = events();
        assertThat(ofType(events, "Pool Retention Violation")).hasSize(3)
                .allSatisfy(e -> assertThat(e.at("/detail/reason").asText()).isEqualTo("CAP_REACHED"));
        JsonNode run = ofType(events, "Enforcement Run Completed").getFirst();
        assertThat(run.at("/detail/capReached").asBoolean()).isTrue();
        assertThat(run.at("/detail/updateCap").asInt()).isEqualTo(2);
    }

    @Test
    void invalidPolicy_updatesNothing_andSaysWhy() {
        seedMixedFleet();
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, "{\"rules\": [{\"name\": \"r\", \"targetHours\": 0}]}");
        env.put("POLICY_PARAMETER_NAME", parameter);

        JsonNode summary = invoke(handler(), schedule());

        assertThat(updates()).isZero();
        assertThat(emulator.count(Operation.GET_POOL).calls()).as("fails before any pool is read").isZero();
        assertThat(summary.path("policyProblem").asText()).contains("rules[0]").contains("targetHours");
        List<JsonNode> events = events();
        assertThat(countByType(events)).isEqualTo(Map.of("Policy Invalid", 1L));
        assertThat(events.getFirst().at("/detail/policySource").asText()).isEqualTo("ssm:" + parameter);
    }

    @Test
    void policyDocument_rulesApply() {
        emulator.seed(EmulatedPool.active("legal-eu", 48), EmulatedPool.active("other", 48));
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"version": "2026-11", "rules": [{"name": "legal", "match": {"name": "legal-*"}, "targetHours": 2160}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);

        invoke(handler(), schedule());

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("legal-eu", 2160), tuple("other", 48));
        JsonNode enforced = ofType(events(), "Pool Retention Enforced").getFirst();
        assertThat(enforced.at("/detail/rule").asText()).isEqualTo("legal");
    }

    @Test
    void deletedEvent_deliveredTwice_isReportedOnce() {
        emulator.seed(EmulatedPool.active("gone", 48));
        invoke(handler(), schedule());
        events();
        ObjectNode deleted = poolEvent("pool-deleted", "gone");

        invoke(handler(), deleted);
        invoke(handler(), deleted);

        List<JsonNode> events = events();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/change").asText()).isEqualTo("DELETED");
            assertThat(e.at("/detail/previousStatus").asText()).isEqualTo("ACTIVE");
        });
    }

    @Test
    void failureEvents_areReported_withTheSameIdWhenRedelivered() {
        emulator.seed(EmulatedPool.active("p", 48).withStatus(PoolStatus.FAILED));
        for (String sample : List.of("pool-temporary-failure", "pool-permanent-failure", "pool-stream-limit-exceeded")) {
            ObjectNode event = poolEvent(sample, "p");
            invoke(handler(), event);
            invoke(handler(), event);
        }

        List<JsonNode> reports = events().stream().filter(e -> e.at("/detail/change").asText().equals("FAILURE_REPORTED"))
                .toList();
        assertThat(reports).hasSize(6);
        assertThat(reports.stream().map(e -> e.at("/detail/eventId").asText()).distinct()).hasSize(3);
        assertThat(reports).allSatisfy(e -> assertThat(e.at("/detail/status").asText()).isEqualTo("FAILED"));
        assertThat(updates()).isZero();
    }

    @Test
    void malformedEvents_areRefusedWithAClearMessage_andTouchNothing() {
        emulator.seed(EmulatedPool.active("p", 9000));
        RetentionEnforcerHandler handler = handler();

        assertThatThrownBy(() -> invoke(handler, sample("malformed-pool-state-change")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("detail.poolArn")
                .hasMessageContaining("not a KVS pool ARN");
        assertThatThrownBy(() -> invoke(handler, sample("malformed-schedule")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> invoke(handler, JSON.createObjectNode().put("source", "aws.s3")))
                .isInstanceOf(MalformedEventException.class);
        assertThat(emulator.requests()).isEmpty();
        assertThat(events()).isEmpty();
    }
}
