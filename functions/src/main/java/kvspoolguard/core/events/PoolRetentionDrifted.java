package kvspoolguard.core.events;

import java.time.Instant;
import kvspoolguard.core.pool.PoolStatus;

/**
 * A pool's retention changed outside the guard. {@code actor} names who made the change when
 * CloudTrail's record of it came first (null: not known, or not yet); {@code changedBy} is that
 * record as version 1 first published it. A stored drift that has only {@code changedBy} reads
 * with its actor.
 */
public record PoolRetentionDrifted(String eventId, EventPool pool, Integer previousRetentionHours,
                                   Integer retentionHours, PoolStatus status, Instant observedAt,
                                   RecordedCall changedBy, Actor actor, TriggeredBy trigger) implements PoolEvent {

    public PoolRetentionDrifted {
        if (actor == null && changedBy != null) {
            actor = changedBy.actor();
        }
    }

    /** One per drift: its id names the pool, the sight's time and the retention seen. */
    public static PoolRetentionDrifted of(Integer previousHours, PoolSight now, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_RETENTION_DRIFTED, now.pool().arn(), now.observedAt(),
                now.retentionHours());
        return new PoolRetentionDrifted(id, now.pool(), previousHours, now.retentionHours(), now.status(),
                now.observedAt(), null, null, trigger);
    }

    /** This drift, naming the call that made it. */
    public PoolRetentionDrifted madeBy(RecordedCall call) {
        return new PoolRetentionDrifted(eventId, pool, previousRetentionHours, retentionHours, status, observedAt,
                call, call.actor(), trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_RETENTION_DRIFTED;
    }
}
