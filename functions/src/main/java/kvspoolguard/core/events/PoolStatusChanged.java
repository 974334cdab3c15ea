package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import kvspoolguard.core.pool.PoolStatus;

/**
 * A pool was discovered, changed status or was deleted, or AWS reported a failure of it
 * ({@code failure}: TemporaryFailure, PermanentFailure or StreamLimitExceeded; null otherwise).
 */
@RecordBuilder
public record PoolStatusChanged(String eventId, EventPool pool, Change change, PoolStatus previousStatus,
                                PoolStatus status, Integer retentionHours, String failure, Instant observedAt,
                                TriggeredBy trigger) implements PoolEvent {

    public enum Change { DISCOVERED, STATUS_CHANGED, DELETED, FAILURE_REPORTED }

    /** One per change a sight shows: its id names the pool, the change and the sight's time. */
    public static PoolStatusChangedBuilder builder(Change change, PoolSight now) {
        return PoolStatusChangedBuilder.builder().change(change).pool(now.pool()).status(now.status())
                .retentionHours(now.retentionHours()).observedAt(now.observedAt())
                .eventId(EventIds.of(EventType.POOL_STATUS_CHANGED, now.pool().arn(), change + "/" + now.observedAt()));
    }

    /** One per failure AWS reported: its id derives from the trigger's, the AWS event's. */
    public static PoolStatusChanged failureReported(PoolSight seen, String failure, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_STATUS_CHANGED, seen.pool().arn(), trigger.id());
        return new PoolStatusChanged(id, seen.pool(), Change.FAILURE_REPORTED, null, seen.status(),
                seen.retentionHours(), failure, seen.observedAt(), trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_STATUS_CHANGED;
    }
}
