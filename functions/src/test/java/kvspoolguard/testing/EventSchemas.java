package kvspoolguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.EventType;

/** The published JSON Schemas of docs/events/, one per detail-type, with formats asserted. */
public final class EventSchemas {

    /** docs/ of this checkout, seen from functions/ (where Maven runs the tests). */
    public static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

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

    private static Path file(EventType type) {
        return DOCS.resolve("events").resolve(type.slug() + ".v1.json");
    }

    private static Map<EventType, Schema> load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
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
