package kvspoolguard.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import kvspoolguard.core.events.EventType;
import kvspoolguard.testing.EventSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/** docs/events.md says what the code does: its examples conform to the schemas, its patterns match them. */
class EventDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> EXAMPLES = EventSchemas.examples();
    private static final List<String> PATTERNS = new ArrayList<>();

    @BeforeAll
    static void readTheDoc() throws Exception {
        String doc = Files.readString(EventSchemas.DOCS.resolve("events.md"));
        Matcher block = EventSchemas.JSON_BLOCK.matcher(doc.substring(doc.indexOf("## Subscribing")));
        while (block.find()) {
            PATTERNS.add(block.group(1));
        }
    }

    @Test
    void everyDetailType_hasAnExample_thatConformsToItsSchema() {
        assertThat(EXAMPLES.keySet()).containsExactlyElementsOf(
                java.util.Arrays.stream(EventType.values()).map(EventType::detailType).toList());
        EXAMPLES.forEach((type, example) -> {
            assertThat(example.path("detail-type").asText()).isEqualTo(type);
            assertThat(EventSchemas.violations(EventSchemas.typeOf(type), example.path("detail")))
                    .as("example of " + type).isEmpty();
        });
    }

    @Test
    void theSchemas_refuseWhatTheyShould() {
        JsonNode example = EXAMPLES.get("Pool Retention Violation").path("detail").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).put("reason", "BORED");
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).remove("eventId");

        assertThat(EventSchemas.violations(EventType.POOL_RETENTION_VIOLATION, example)).hasSize(2);
    }

    /** What the schemas share is defined once (docs/events/common.v1.json) and still applied to each. */
    @Test
    void theSharedDefinitions_areApplied() {
        com.fasterxml.jackson.databind.node.ObjectNode example =
                (com.fasterxml.jackson.databind.node.ObjectNode) EXAMPLES.get("Pool Status Changed").path("detail").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) example.get("pool")).put("arn", "not-an-arn");
        ((com.fasterxml.jackson.databind.node.ObjectNode) example.get("trigger")).put("kind", "a-whim");

        assertThat(EventSchemas.violations(EventType.POOL_STATUS_CHANGED, example)).hasSize(2);
    }

    @Test
    void theSubscriptionPatterns_matchWhatTheySay() throws Exception {
        assertThat(PATTERNS).hasSize(3);
        assertThat(matching(PATTERNS.get(0))).containsExactly("Pool Retention Violation");
        assertThat(matching(PATTERNS.get(1))).containsExactly("Pool Retention Drifted");
        // the example violation is DEFERRED
        assertThat(matching(PATTERNS.get(2))).containsExactly("Policy Invalid", "Policy Unreadable");
    }

    private static List<String> matching(String pattern) throws Exception {
        Machine machine = new Machine();
        machine.addRule("p", pattern);
        List<String> matched = new ArrayList<>();
        for (var example : EXAMPLES.entrySet()) {
            if (!machine.rulesForJSONEvent(JSON.writeValueAsString(example.getValue())).isEmpty()) {
                matched.add(example.getKey());
            }
        }
        return matched;
    }
}
