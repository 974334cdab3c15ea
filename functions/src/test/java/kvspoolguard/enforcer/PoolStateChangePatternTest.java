package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kvspoolguard.testing.TemplateRule;
import org.junit.jupiter.api.Test;

/**
 * The aws.chime rule of template.yaml, matched as EventBridge matches (AWS's event-ruler), against
 * every sample in events/ and against events it must leave alone.
 */
class PoolStateChangePatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final TemplateRule RULE = TemplateRule.ofEnforcerEvent("PoolStateChange");

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static ObjectNode read(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    @Test
    void everyAwsChimeSample_matches_andNoOtherSample() throws Exception {
        List<Path> samples = samples();
        assertThat(samples).extracting(p -> p.getFileName().toString()).contains("pool-active.json",
                "pool-updated.json", "pool-deleted.json", "pool-temporary-failure.json", "pool-permanent-failure.json",
                "pool-stream-limit-exceeded.json", "schedule.json");
        for (Path sample : samples) {
            ObjectNode event = read(sample);
            boolean fromChime = "aws.chime".equals(event.path("source").asText())
                    && event.path("detail-type").asText().startsWith("Chime ");
            assertThat(RULE.matches(event)).as(sample.getFileName().toString()).isEqualTo(fromChime);
        }
    }

    @Test
    void eventsItMustLeaveAlone_doNotMatch() throws Exception {
        ObjectNode active = read(EVENTS.resolve("pool-active.json"));

        ObjectNode unknownType = active.deepCopy();
        ((ObjectNode) unknownType.get("detail")).put("eventType", "chime:MediaPipelineKinesisVideoStreamPoolResized");
        ObjectNode otherDetailType = active.deepCopy().put("detail-type", "Chime Meeting State Change");
        ObjectNode ourOwn = active.deepCopy().put("source", "kvs-pool-guard").put("detail-type", "Pool Status Changed");
        ObjectNode spoofed = active.deepCopy().put("source", "custom.chime");

        for (JsonNode event : List.of(unknownType, otherDetailType, ourOwn, spoofed)) {
            assertThat(RULE.matches(event)).as(event.toString()).isFalse();
        }
    }

    @Test
    void everyEnforcerSample_isAValidEventBridgeEnvelope_forSamLocalInvoke() throws Exception {
        for (Path sample : samples()) {
            String name = sample.getFileName().toString();
            if (name.startsWith("malformed-") || name.startsWith("api-")) {
                continue; // refused on purpose; the API's samples (PoolApiIT)
            }
            ObjectNode event = read(sample);
            assertThat(event.fieldNames()).toIterable().as(sample.toString())
                    .contains("version", "id", "detail-type", "source", "account", "time", "region", "resources",
                            "detail");
            assertThat(EnforcerEvent.parse(JSON.writeValueAsBytes(event))).as(sample.toString()).isNotNull();
        }
    }
}
