package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * A caller changed a pool's retention through the API: the audit record of who ({@code actor};
 * {@code changedBy}, the same caller as version 1 first named them, is deprecated), which request,
 * from what to what, under which rule (null when the pool is exempt). One per request: its id
 * derives from the request id.
 */
@RecordBuilder
public record PoolRetentionChanged(String eventId, EventPool pool, Integer fromHours, Integer toHours, String rule,
                                   Caller changedBy, String requestId, Instant changedAt, Actor actor,
                                   TriggeredBy trigger) implements PoolEvent {

    public PoolRetentionChanged {
        if (actor == null && changedBy != null) {
            actor = Actor.of(changedBy);
        }
    }

    /**
     * The event of {@code change}, asked for by the request {@code trigger} names, its id by its rule;
     * who and when by name ({@code actor} follows from {@code changedBy}).
     */
    public static PoolRetentionChangedBuilder builder(PoolChange change, TriggeredBy trigger) {
        return PoolRetentionChangedBuilder.builder().pool(change.pool()).fromHours(change.fromHours())
                .toHours(change.toHours()).rule(change.rule()).requestId(trigger.id()).trigger(trigger)
                .eventId(EventIds.of(EventType.POOL_RETENTION_CHANGED, change.pool().arn(), trigger.id()));
    }

    @Override
    public EventType type() {
        return EventType.POOL_RETENTION_CHANGED;
    }
}
