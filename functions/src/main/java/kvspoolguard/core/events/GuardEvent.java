package kvspoolguard.core.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event for the bus: its type, a deterministic id (also {@code detail.eventId}) consumers
 * deduplicate on, the pool ARNs it concerns and the detail, in the documented field order.
 */
public record GuardEvent(EventType type, String eventId, Instant time, List<String> resources,
                         Map<String, Object> detail) {

    public GuardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
        resources = List.copyOf(resources);
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail)); // keeps the order; allows nulls
    }
}
