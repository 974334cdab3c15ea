package kvspoolguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.EventType;

/** The published JSON Schemas of docs/events/, one per detail-type, with formats asserted. */
public final class EventSchemas {

    /** docs/ of this checkout, seen from functions/ (where Maven runs the tests). */
    public static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

    private static final Map<EventType, JsonSchema> SCHEMAS = load();

    private EventSchemas() {
    }

    /** The violations of an event detail against its type's schema; empty when it conforms. */
    public static List<String> violations(EventType type, JsonNode detail) {
        return SCHEMAS.get(type).validate(detail).stream().map(ValidationMessage::getMessage).sorted().toList();
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

    private static Map<EventType, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = Files.newInputStream(file(type))) {
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("schema of " + type.detailType() + " missing: " + file(type), e);
            }
        }
        return schemas;
    }
}
