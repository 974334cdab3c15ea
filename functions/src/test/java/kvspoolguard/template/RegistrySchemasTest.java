package kvspoolguard.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.EventType;
import kvspoolguard.testing.EventSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Schema Registry's schemas in template.yaml (draft 4, of the whole event) say what docs/events/
 * says (2020-12, of the detail): they take docs/events.md's examples and refuse what the docs'
 * schemas refuse. scripts/registry_schemas.py --check (make python-test) proves they are generated
 * from the docs as they are now.
 */
class RegistrySchemasTest {

    private static final Map<String, Schema> REGISTRY = new HashMap<>();
    private static final Map<String, JsonNode> EXAMPLES = EventSchemas.examples();

    @BeforeAll
    static void read() throws Exception {
        JsonNode template = new YAMLMapper().readTree(Path.of("..", "template.yaml").toFile());
        SchemaRegistry draft4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::EventSchemas::Schema")) {
                assertThat(resource.at("/Properties/Type").asText()).isEqualTo("JSONSchemaDraft4");
                Schema schema = draft4.getSchema(resource.at("/Properties/Content").asText());
                REGISTRY.put(schema.getSchemaNode().path("title").asText(), schema);
            }
        });
    }

    private static List<String> violations(String detailType, JsonNode event) {
        return REGISTRY.get(detailType).validate(event).stream().map(com.networknt.schema.Error::getMessage).toList();
    }

    @Test
    void everyDetailType_hasARegistrySchema_thatTakesTheDocsExample() {
        assertThat(REGISTRY.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(EventType.values()).map(EventType::detailType).toList());
        EXAMPLES.forEach((type, example) -> assertThat(violations(type, example)).as(type).isEmpty());
    }

    @Test
    void aRegistrySchema_refusesWhatTheDocsSchemaRefuses() {
        EXAMPLES.forEach((type, example) -> {
            ObjectNode wrongEnum = example.deepCopy();
            ((ObjectNode) wrongEnum.path("detail")).put("schemaVersion", 2); // const 1 in the docs
            ObjectNode missing = example.deepCopy();
            ((ObjectNode) missing.path("detail")).remove("eventId");
            ObjectNode extra = example.deepCopy();
            ((ObjectNode) extra.path("detail")).put("unexpected", true);
            ObjectNode badPool = example.deepCopy();
            ((ObjectNode) badPool.path("detail")).putObject("trigger").put("kind", "cron").put("id", "x");
            for (ObjectNode refused : List.of(wrongEnum, missing, extra, badPool)) {
                assertThat(EventSchemas.violations(EventSchemas.typeOf(type), refused.path("detail"))).as(type)
                        .isNotEmpty();
                assertThat(violations(type, refused)).as(type + ": " + refused.path("detail")).isNotEmpty();
            }
            ObjectNode otherType = ((ObjectNode) example.deepCopy()).put("detail-type", "Something Else");
            assertThat(violations(type, otherType)).isNotEmpty();
        });
    }
}
