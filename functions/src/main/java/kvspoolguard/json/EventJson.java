package kvspoolguard.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EventDetail;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.events.RecordedCall;

/**
 * The wire form of an event's detail, the one place it is written and read: on the bus, in the
 * state table's outboxes and the pool history, in the API's views and in the log of what could not
 * be published. A detail's fields are its record's, in order, after its id and schema version;
 * times are ISO-8601 in UTC. The fields that version 1 gained later ({@code failure}, {@code
 * changedBy} of a drift, {@code actor}) are absent, not null, when there is nothing to say.
 * Fields it does not know are ignored when read, so a newer writer's details still read.
 */
public final class EventJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .addMixIn(EventDetail.class, DetailMixIn.class)
            .addMixIn(PoolStatusChanged.class, StatusChangedMixIn.class)
            .withConfigOverride(Actor.class, o -> o.setIncludeAsProperty(JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)))
            .withConfigOverride(RecordedCall.class, o -> o.setIncludeAsProperty(JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    /** The detail as a JSON object, for a caller that puts it into a larger document. */
    public static ObjectNode tree(EventDetail detail) {
        return JSON.valueToTree(detail);
    }

    /** The detail as JSON text, for the bus and the tables. */
    public static String text(EventDetail detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's detail is always JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A detail of {@code type} as written by this or an earlier version.
     *
     * @throws IllegalArgumentException when it is not JSON, or not a detail of that type
     */
    public static EventDetail read(EventType type, String json) {
        try {
            return JSON.readValue(json, type.detail());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not the detail of a " + type.detailType() + " event: "
                    + e.getOriginalMessage(), e);
        }
    }

    @JsonPropertyOrder({"eventId", "schemaVersion"})
    private interface DetailMixIn {
        @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
        int schemaVersion();

        @JsonIgnore
        EventType type();
    }

    private interface StatusChangedMixIn {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String failure();
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return text == null ? null : Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
