package kvspoolguard.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event for the bus: its detail and its time. Its type, its id (the detail's, which consumers
 * deduplicate on) and its resources (the ARN of the pool it is about, if any) are the detail's.
 */
public record GuardEvent(Instant time, EventDetail detail) {

    public GuardEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
    }

    public EventType type() {
        return detail.type();
    }

    public String eventId() {
        return detail.eventId();
    }

    public List<String> resources() {
        return detail instanceof PoolEvent p && p.pool().arn() != null ? List.of(p.pool().arn()) : List.of();
    }
}
