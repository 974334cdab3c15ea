package kvspoolguard.core.state;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.events.GuardEvent;

/**
 * An event kept in its pool's state record, written together with the state it reports, until the
 * bus has it: a run that dies before publishing (killed, timed out) leaves it for the next run that
 * reads the pool after {@code publishBy}, when the writer is certainly over. An event prepared before
 * an update ({@code ifRetention} set) is published only if the pool is then found with that retention,
 * that is, if the update landed.
 */
public record OutboxEvent(GuardEvent event, Instant publishBy, Integer ifRetention) {

    public OutboxEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(publishBy, "publishBy");
    }

    public String eventId() {
        return event.eventId();
    }

    /** Its writer's run is over: whoever reads it now publishes it (or drops it, see {@link #landedIn}). */
    boolean overdueAt(Instant now) {
        return publishBy.isBefore(now);
    }

    /** Whether the event reports what {@code seen} shows: always, unless it waits on an update landing. */
    boolean landedIn(Observation seen) {
        return ifRetention == null || !seen.deleted() && ifRetention.equals(seen.retentionHours());
    }

    OutboxEvent unconditional() {
        return new OutboxEvent(event, publishBy, null);
    }

    OutboxEvent ownedUntil(Instant newPublishBy) {
        return new OutboxEvent(event, newPublishBy, null);
    }
}
