package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audio, not only the setting: each stream of a pool within the policy holds the pool's
 * retention, over the real wire (the SDK's Kinesis Video Streams client and the emulator's streams).
 */
class StreamsIT {

    private static final String DRIFTED = "Stream Retention Drifted";

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

    /** A pool of {@code hours} with {@code streams} streams at its retention; returns its streams. */
    private static List<EmulatedStream> pool(String name, int hours, int streams) {
        CHIME.emulator().seed(EmulatedPool.active(name, hours));
        return CHIME.emulator().growPool(null, null, name, streams);
    }

    private static void changeBehindTheApi(EmulatedStream stream, int hours) {
        CHIME.emulator().replaceStream(null, null, stream.name(), s -> s.withRetention(hours));
    }

    private static int retentionOf(EmulatedStream stream) {
        return CHIME.emulator().streams().stream().filter(s -> s.arn().equals(stream.arn())).findFirst().orElseThrow()
                .dataRetentionInHours();
    }

    private static List<RecordedRequest> updates() {
        return CHIME.emulator().requests().stream().filter(r -> r.operation() == Operation.UPDATE_DATA_RETENTION)
                .toList();
    }

    private JsonNode sweep() {
        return EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(type)).toList();
    }

    @Test
    void aSweep_correctsTheDriftedStream_byTheDifference_andLeavesTheCompliantOnes() throws Exception {
        List<EmulatedStream> streams = pool("calls", 48, 4);
        changeBehindTheApi(streams.get(2), 12);
        CHIME.emulator().clearJournal();

        JsonNode summary = sweep();
        List<JsonNode> events = EnforcerRuns.events(tap);

        assertThat(summary.at("/streamCounts/CORRECTED").asInt()).as(summary.toString()).isEqualTo(1);
        assertThat(summary.at("/streams/0/streamArn").asText()).isEqualTo(streams.get(2).arn());
        assertThat(updates()).singleElement().satisfies(update -> {
            JsonNode body = EnforcerRuns.JSON.readTree(update.body());
            assertThat(body.path("StreamARN").asText()).isEqualTo(streams.get(2).arn());
            assertThat(body.path("Operation").asText()).isEqualTo("INCREASE_DATA_RETENTION");
            assertThat(body.path("DataRetentionChangeInHours").asInt()).isEqualTo(36);
            assertThat(update.status()).isEqualTo(200);
        });
        assertThat(streams).extracting(StreamsIT::retentionOf).containsOnly(48);
        assertThat(CHIME.emulator().count(Operation.LIST_STREAMS).calls()).as("one listing of the shard").isEqualTo(1);
        assertThat(ofType(events, DRIFTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/stream/arn").asText()).isEqualTo(streams.get(2).arn());
            assertThat(e.at("/detail/pool/name").asText()).isEqualTo("calls");
            assertThat(e.at("/detail/fromHours").asInt()).isEqualTo(12);
            assertThat(e.at("/detail/toHours").asInt()).isEqualTo(48);
            assertThat(e.at("/detail/action").asText()).isEqualTo("CORRECTING");
        });

        sweep();
        assertThat(updates()).as("nothing more to correct").hasSize(1);
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).isEmpty();
    }

    @Test
    void kinesisVideoStreamsThrottling_isRetried_asThrottling() {
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.getFirst(), 12);
        CHIME.emulator().clearJournal();
        CHIME.emulator().injectFaults(FaultRule.times(Operation.LIST_STREAMS, Fault.error(ErrorType.CLIENT_LIMIT_EXCEEDED),
                1), FaultRule.times(Operation.UPDATE_DATA_RETENTION, Fault.error(ErrorType.CLIENT_LIMIT_EXCEEDED), 1));

        sweep();

        assertThat(CHIME.emulator().count(Operation.LIST_STREAMS).byStatus()).containsEntry(400, 1L).containsEntry(200, 1L);
        assertThat(updates()).extracting(RecordedRequest::status).containsExactly(400, 200);
        assertThat(retentionOf(streams.getFirst())).isEqualTo(48);
    }

    @Test
    void aStateChangesStreamCorrection_throttledPastItsRetries_failsTheInvocation_soLambdaRetriesIt() {
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.getFirst(), 12);
        // every one of the client's 5 attempts at the update throttled
        CHIME.emulator().injectFaults(FaultRule.times(Operation.UPDATE_DATA_RETENTION,
                Fault.error(ErrorType.CLIENT_LIMIT_EXCEEDED), 5));
        ObjectNode updated = EnforcerRuns.fresh("pool-updated");
        ((ObjectNode) updated.get("detail")).put("poolArn", CHIME.emulator().poolArn("us-east-1", "calls"));
        RetentionEnforcerHandler handler = EnforcerRuns.handler(env);

        assertThatThrownBy(() -> EnforcerRuns.invoke(handler, updated)).isInstanceOf(IncompleteRunException.class)
                .hasMessageContaining("pools to retry 1");
        EnforcerRuns.invoke(handler, updated); // Lambda's retry

        assertThat(retentionOf(streams.getFirst())).isEqualTo(48);
    }

    @Test
    void aPoolWhoseNameIsAnothersPrefix_takesNoneOfItsStreams() {
        pool("dev", 48, 2);
        pool("dev2", 72, 2);
        CHIME.emulator().clearJournal();

        sweep();

        assertThat(updates()).isEmpty();
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).isEmpty();
        assertThat(CHIME.emulator().streams()).extracting(EmulatedStream::dataRetentionInHours)
                .containsExactlyInAnyOrder(48, 48, 72, 72);
    }

    @Test
    void aVersionMismatch_isReadAgainAndJudgedAgain_neverOverwritten() throws Exception {
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.getFirst(), 100);
        CHIME.emulator().clearJournal();
        CHIME.emulator().injectFaults(FaultRule.times(Operation.UPDATE_DATA_RETENTION,
                Fault.error(ErrorType.VERSION_MISMATCH), 1));

        sweep();

        assertThat(updates()).extracting(RecordedRequest::status).containsExactly(400, 200);
        assertThat(CHIME.emulator().count(Operation.DESCRIBE_STREAM).calls()).as("read again").isEqualTo(1);
        JsonNode second = EnforcerRuns.JSON.readTree(updates().getLast().body());
        assertThat(second.path("Operation").asText()).isEqualTo("DECREASE_DATA_RETENTION");
        assertThat(second.path("DataRetentionChangeInHours").asInt()).isEqualTo(52);
        assertThat(retentionOf(streams.getFirst())).isEqualTo(48);
    }

    @Test
    void aDryRun_changesNoStream_andSaysWhatItWouldDo() {
        env.put("DRY_RUN", "true");
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.getFirst(), 1_000);

        sweep();

        assertThat(updates()).isEmpty();
        assertThat(retentionOf(streams.getFirst())).isEqualTo(1_000);
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/action").asText()).isEqualTo("DRY_RUN"));
    }

    @Test
    void theGuardsOwnPoolUpdate_reachesTheStreams_andNoStreamIsReportedDrifted() {
        List<EmulatedStream> streams = pool("too-long", 2_000, 3);

        sweep();
        sweep();

        assertThat(CHIME.emulator().pools()).singleElement().extracting(EmulatedPool::dataRetentionInHours)
                .isEqualTo(720);
        assertThat(streams).extracting(StreamsIT::retentionOf).containsOnly(720);
        assertThat(updates()).as("the service's propagation, not the guard, changed them").isEmpty();
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).isEmpty();
    }

    @Test
    void aStreamsDecrease_drawsOnTheDaysBudget_asAPoolsDoes() {
        env.put("MAX_DECREASES_PER_DAY", "1");
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.get(0), 500);
        changeBehindTheApi(streams.get(1), 500);

        sweep();

        assertThat(updates()).hasSize(1);
        assertThat(streams).extracting(StreamsIT::retentionOf).containsExactlyInAnyOrder(48, 500);
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).extracting(e -> e.at("/detail/action").asText())
                .containsExactlyInAnyOrder("CORRECTING", "BUDGET_REACHED");
    }

    /** CloudTrail's record of {@code stream}'s retention changed by the sample's caller. */
    private static JsonNode recordOfAChangeOf(EmulatedStream stream) {
        var record = EnforcerRuns.fresh("cloudtrail-stream-update-retention");
        ((ObjectNode) record.at("/detail/requestParameters"))
                .put("streamARN", stream.arn());
        return record;
    }

    @Test
    void aDirectChange_recordedByCloudTrail_isCorrectedWithinOneInvocation_andNamesWhoMadeIt() {
        List<EmulatedStream> streams = pool("contact-center-recordings", 168, 2);
        changeBehindTheApi(streams.getFirst(), 8);
        CHIME.emulator().clearJournal();

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), recordOfAChangeOf(streams.getFirst()));

        assertThat(summary.path("trigger").asText()).isEqualTo("api-call");
        assertThat(retentionOf(streams.getFirst())).isEqualTo(168);
        assertThat(CHIME.emulator().requests()).filteredOn(r -> r.operation() == Operation.LIST_STREAMS)
                .singleElement().satisfies(r -> assertThat(r.body()).contains(streams.getFirst().poolId().orElseThrow()));
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/fromHours").asInt()).isEqualTo(8);
            assertThat(e.at("/detail/actor/principal").asText())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/MediaOps/sam");
            assertThat(e.at("/detail/actor/via").asText()).isEqualTo("cloudtrail");
            assertThat(e.at("/detail/trigger/kind").asText()).isEqualTo("api-call");
        });
    }

    @Test
    void theServicesOwnPropagation_andTheGuardsOwnCalls_areNoDrift() {
        String guardRole = "arn:aws:iam::123456789012:role/kvs-pool-guard-RetentionEnforcerFunctionRole-1";
        env.put("GUARD_ROLES", guardRole);
        List<EmulatedStream> streams = pool("contact-center-recordings", 168, 2);
        JsonNode byService = recordOfAChangeOf(streams.getFirst());
        var identity = (ObjectNode) byService.at("/detail/userIdentity");
        identity.put("invokedBy", "mediapipelines.chime.amazonaws.com");
        JsonNode byGuard = recordOfAChangeOf(streams.getLast());
        ((ObjectNode) byGuard.at("/detail/userIdentity/sessionContext/sessionIssuer"))
                .put("arn", guardRole);
        CHIME.emulator().clearJournal();

        JsonNode service = EnforcerRuns.invoke(EnforcerRuns.handler(env), byService);
        JsonNode guard = EnforcerRuns.invoke(EnforcerRuns.handler(env), byGuard);

        assertThat(service.path("ignored").asText()).contains("media pipelines service's own");
        assertThat(guard.path("ignored").asText()).contains("this service's own");
        assertThat(CHIME.emulator().count(Operation.LIST_STREAMS).calls()).as("nothing read").isZero();
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).isEmpty();
    }

    @Test
    void aStreamsChange_takesASlotOfTheRunsUpdateCap() {
        env.put("MAX_UPDATES_PER_RUN", "1");
        List<EmulatedStream> streams = pool("calls", 48, 2);
        changeBehindTheApi(streams.get(0), 12);
        changeBehindTheApi(streams.get(1), 12);

        sweep();

        assertThat(updates()).hasSize(1);
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).extracting(e -> e.at("/detail/action").asText())
                .containsExactlyInAnyOrder("CORRECTING", "CAP_REACHED");
    }

    @Test
    void aStreamOfAnExemptPool_isReported_neverChanged() throws Exception {
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"exemptions": [{"pools": "arn:aws:chime:*:123456789012:media-pipeline-kinesis-video-stream-pool/legal-*",
                                 "reason": "matter 2026-114", "until": "2099-01-01T00:00:00Z"}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);
        List<EmulatedStream> streams = pool("legal-114", 87_600, 2);
        changeBehindTheApi(streams.getLast(), 24);

        sweep();

        assertThat(updates()).isEmpty();
        assertThat(ofType(EnforcerRuns.events(tap), DRIFTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/action").asText()).isEqualTo("EXEMPT");
            assertThat(e.at("/detail/toHours").asInt()).isEqualTo(87_600);
        });
    }
}
