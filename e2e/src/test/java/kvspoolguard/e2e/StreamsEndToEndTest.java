package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pools' Kinesis video streams, governed by the functions `sam build` produced, under AWS's
 * Runtime Interface Emulator: the emulator's streams over the SDK's Kinesis Video Streams client.
 */
class StreamsEndToEndTest {

    private static final String DRIFTED = "Stream Retention Drifted";

    private final BuiltStack stack = BuiltStack.get();

    @BeforeEach
    void freshFleet() {
        stack.chime.reset();
        stack.tap.drain();
    }

    private List<EmulatedStream> pool(String name, int hours, int streams) {
        stack.chime.seed(EmulatedPool.active(name, hours));
        return stack.chime.growPool(null, null, name, streams);
    }

    private void changeBehindTheApi(EmulatedStream stream, int hours) {
        stack.chime.replaceStream(null, null, stream.name(), s -> s.withRetention(hours));
    }

    private int retentionOf(EmulatedStream stream) {
        return stack.chime.streams().stream().filter(s -> s.arn().equals(stream.arn())).findFirst().orElseThrow()
                .dataRetentionInHours();
    }

    private List<RecordedRequest> updates() {
        return stack.chime.requests().stream().filter(r -> r.operation() == Operation.UPDATE_DATA_RETENTION).toList();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(type)).toList();
    }

    @Test
    void aSweep_correctsTheDriftedStream_byTheDifference_andLeavesTheCompliantOnes() {
        List<EmulatedStream> streams = pool("streams-drifted", 168, 4);
        pool("streams-compliant", 168, 4);
        changeBehindTheApi(streams.get(1), 1_000);
        stack.chime.clearJournal();

        Invocation run = stack.sweep();

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(updates()).singleElement().satisfies(update -> {
            JsonNode body = BuiltStack.json(update.body().getBytes(StandardCharsets.UTF_8));
            assertThat(body.path("StreamARN").asText()).isEqualTo(streams.get(1).arn());
            assertThat(body.path("Operation").asText()).isEqualTo("DECREASE_DATA_RETENTION");
            assertThat(body.path("DataRetentionChangeInHours").asInt()).isEqualTo(832);
        });
        assertThat(streams).extracting(this::retentionOf).containsOnly(168);
        assertThat(stack.chime.count(Operation.LIST_STREAMS).calls()).as("the shard's streams, listed once")
                .isEqualTo(1);
        assertThat(ofType(stack.tap.drain(), DRIFTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/pool/name").asText()).isEqualTo("streams-drifted");
            assertThat(e.at("/detail/fromHours").asInt()).isEqualTo(1_000);
            assertThat(e.at("/detail/toHours").asInt()).isEqualTo(168);
            assertThat(e.at("/detail/action").asText()).isEqualTo("CORRECTING");
        });
    }

    @Test
    void aVersionMismatch_isReadAgain_notOverwritten() {
        List<EmulatedStream> streams = pool("streams-racing", 168, 2);
        changeBehindTheApi(streams.getFirst(), 24);
        stack.chime.clearJournal();
        stack.chime.injectFaults(FaultRule.times(Operation.UPDATE_DATA_RETENTION,
                Fault.error(ErrorType.VERSION_MISMATCH), 1));

        assertThat(stack.sweep().failed()).isFalse();

        assertThat(updates()).extracting(RecordedRequest::status).containsExactly(400, 200);
        assertThat(stack.chime.count(Operation.DESCRIBE_STREAM).calls()).isEqualTo(1);
        assertThat(retentionOf(streams.getFirst())).isEqualTo(168);
    }

    @Test
    void aPoolWhoseNameIsAnothersPrefix_takesNoneOfItsStreams() {
        pool("dev", 48, 2);
        pool("dev2", 168, 2);
        stack.chime.clearJournal();

        assertThat(stack.sweep().failed()).isFalse();

        assertThat(updates()).isEmpty();
        assertThat(ofType(stack.tap.drain(), DRIFTED)).isEmpty();
    }

    @Test
    void theServicesPropagation_ofTheGuardsOwnUpdate_isNoDrift() {
        List<EmulatedStream> streams = pool("streams-too-long", 5_000, 3);

        assertThat(stack.sweep().failed()).isFalse();
        assertThat(stack.sweep().failed()).isFalse();

        assertThat(streams).extracting(this::retentionOf).containsOnly(720);
        assertThat(updates()).isEmpty();
        assertThat(ofType(stack.tap.drain(), DRIFTED)).isEmpty();
    }

    @Test
    void aDirectChange_recordedByCloudTrail_isCorrectedWithinOneInvocation_andNamesWhoMadeIt() {
        List<EmulatedStream> streams = pool("contact-center-recordings", 168, 2);
        changeBehindTheApi(streams.getLast(), 8);
        ObjectNode record = (ObjectNode) BuiltStack.json(BuiltStack.sample("cloudtrail-stream-update-retention.json",
                null));
        ((ObjectNode) record.at("/detail/requestParameters")).put("streamARN", streams.getLast().arn());
        record.put("id", UUID.randomUUID().toString());

        Invocation run = stack.enforcer.invoke(record.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(retentionOf(streams.getLast())).isEqualTo(168);
        assertThat(ofType(stack.tap.drain(), DRIFTED)).singleElement().satisfies(e -> {
            assertThat(e.at("/detail/stream/arn").asText()).isEqualTo(streams.getLast().arn());
            assertThat(e.at("/detail/actor/principal").asText())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/MediaOps/sam");
            assertThat(e.at("/detail/trigger/kind").asText()).isEqualTo("api-call");
        });
    }

    @Test
    void aPoolsStateChange_readsItsOwnStreams_andADryRunChangesNone() {
        List<EmulatedStream> streams = pool("streams-event", 168, 2);
        changeBehindTheApi(streams.getLast(), 2);
        stack.chime.clearJournal();

        try (var dryRun = stack.variant("RetentionEnforcerFunction", 60, Map.of("DRY_RUN", "true"))) {
            Invocation run = dryRun.invoke(BuiltStack.sample("pool-updated.json", stack.arn("streams-event")));
            assertThat(run.failed()).as(run.payloadText()).isFalse();
        }

        assertThat(updates()).isEmpty();
        assertThat(retentionOf(streams.getLast())).isEqualTo(2);
        assertThat(stack.chime.requests()).filteredOn(r -> r.operation() == Operation.LIST_STREAMS).singleElement()
                .satisfies(list -> assertThat(list.body()).contains(streams.getLast().poolId().orElseThrow() + "-"));
        assertThat(ofType(stack.tap.drain(), DRIFTED)).singleElement()
                .satisfies(e -> assertThat(e.at("/detail/action").asText()).isEqualTo("DRY_RUN"));
    }
}
