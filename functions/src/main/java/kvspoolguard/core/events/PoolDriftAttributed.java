package kvspoolguard.core.events;

/**
 * The call that made a drift reported without an actor, once CloudTrail's record of it came (or
 * was read). One per drift: its id derives from the drift's.
 */
public record PoolDriftAttributed(String eventId, EventPool pool, String driftEventId, Integer retentionHours,
                                  RecordedCall changedBy, Actor actor, TriggeredBy trigger) implements PoolEvent {

    public PoolDriftAttributed {
        if (actor == null && changedBy != null) {
            actor = changedBy.actor();
        }
    }

    public static PoolDriftAttributed of(EventPool pool, String driftEventId, RecordedCall call, TriggeredBy trigger) {
        return new PoolDriftAttributed(EventIds.of(EventType.POOL_DRIFT_ATTRIBUTED, driftEventId), pool, driftEventId,
                call.requestedRetentionHours(), call, call.actor(), trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_DRIFT_ATTRIBUTED;
    }
}
