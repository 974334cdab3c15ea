package kvspoolguard.core.state;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.events.GuardEvent;

/**
 * An event kept in its pool's state record, written together with the state it reports, until the
 * bus has it. Its writer holds a lease on it until {@code leaseEnd} (the end of the writer's
 * invocation): a run that dies before publishing (killed, timed out) leaves it for the next run
 * that reads the pool after the lease ended. An event of an intended update ({@code intendedHours}
 * set) is published only if the pool is then found with that retention, that is, if the update landed.
 */
public record OutboxEvent(GuardEvent event, Instant leaseEnd, Integer intendedHours) {

    public OutboxEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(leaseEnd, "leaseEnd");
    }

    public String eventId() {
        return event.eventId();
    }

    /** Its writer's lease has ended: whoever reads it now publishes it (or drops it, see {@link #landedIn}). */
    boolean leaseEndedBy(Instant now) {
        return leaseEnd.isBefore(now);
    }

    /** Whether the event reports what {@code seen} shows: always, unless it waits on an update landing. */
    boolean landedIn(Observation seen) {
        return intendedHours == null || !seen.deleted() && intendedHours.equals(seen.retentionHours());
    }

    /** The update it reports has landed: due whatever the pool's retention. */
    OutboxEvent landed() {
        return new OutboxEvent(event, leaseEnd, null);
    }

    /** Taken over by a reader, whose lease ends at {@code newLeaseEnd}. */
    OutboxEvent leasedUntil(Instant newLeaseEnd) {
        return new OutboxEvent(event, newLeaseEnd, null);
    }
}
