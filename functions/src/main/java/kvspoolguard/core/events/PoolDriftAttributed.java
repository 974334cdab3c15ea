package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * The call that made a drift reported without an actor, once CloudTrail's record of it came (or
 * was read). One per drift: its id derives from the drift's.
 */
@RecordBuilder
public record PoolDriftAttributed(String eventId, EventPool pool, String driftEventId, Integer retentionHours,
                                  RecordedCall changedBy, Actor actor, TriggeredBy trigger) implements PoolEvent {

    public PoolDriftAttributed {
        if (actor == null && changedBy != null) {
            actor = changedBy.actor();
        }
        if (retentionHours == null && changedBy != null) {
            retentionHours = changedBy.requestedRetentionHours();
        }
    }

    /**
     * The event naming the call that made the drift {@code driftEventId}, its id by its rule; the
     * rest by name ({@code retentionHours} and {@code actor} follow from {@code changedBy}).
     */
    public static PoolDriftAttributedBuilder builder(String driftEventId) {
        return PoolDriftAttributedBuilder.builder().driftEventId(driftEventId)
                .eventId(EventIds.of(EventType.POOL_DRIFT_ATTRIBUTED, driftEventId));
    }

    @Override
    public EventType type() {
        return EventType.POOL_DRIFT_ATTRIBUTED;
    }
}
