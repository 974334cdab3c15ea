package kvspoolguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.core.events.EventType;

/** The published JSON Schemas of docs/events/, one per detail-type, with formats asserted. */
public final class EventSchemas {

    /** docs/ of this checkout, seen from functions/ (where Maven runs the tests). */
    public static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

    /** A JSON block of a Markdown page. */
    public static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("^### (.+)$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<EventType, Schema> SCHEMAS = load();

    private EventSchemas() {
    }

    /** The violations of an event detail against its type's schema; empty when it conforms. */
    public static List<String> violations(EventType type, JsonNode detail) {
        return SCHEMAS.get(type).validate(detail, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)))
                .stream().map(com.networknt.schema.Error::getMessage).sorted().toList();
    }

    public static EventType typeOf(String detailType) {
        for (EventType type : EventType.values()) {
            if (type.detailType().equals(detailType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no such detail-type: " + detailType);
    }

    /**
     * The example event of each detail-type in docs/events.md's catalogue, by detail-type, in the
     * page's order: each `### <detail-type>` section's first JSON block.
     */
    public static Map<String, JsonNode> examples() {
        try {
            String doc = Files.readString(DOCS.resolve("events.md"));
            String catalogue = doc.substring(doc.indexOf("## Catalogue"), doc.indexOf("## Subscribing"));
            Map<String, JsonNode> examples = new LinkedHashMap<>();
            Matcher section = SECTION.matcher(catalogue);
            while (section.find()) {
                Matcher block = JSON_BLOCK.matcher(catalogue.substring(section.end()));
                if (!block.find()) {
                    throw new IllegalStateException("no example under " + section.group(1));
                }
                examples.put(section.group(1), JSON.readTree(block.group(1)));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(EventType type) {
        return DOCS.resolve("events").resolve(type.slug() + ".v1.json");
    }

    private static Map<EventType, Schema> load() {
        SchemaRegistry registry;
        try {
            // the definitions every detail schema refers to (common.v1.json#/$defs/...), by their $id
            Path common = DOCS.resolve("events").resolve("common.v1.json");
            String id = new ObjectMapper().readTree(common.toFile()).path("$id").asText();
            String text = Files.readString(common);
            registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemas(Map.of(id, text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = Files.newInputStream(file(type))) {
                schemas.put(type, registry.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException("schema of " + type.detailType() + " missing: " + file(type), e);
            }
        }
        return schemas;
    }
}
