package kvspoolguard.core.events;

import java.time.Instant;

/**
 * A caller changed a pool's retention through the API: the audit record of who ({@code actor};
 * {@code changedBy}, the same caller as version 1 first named them, is deprecated), which request,
 * from what to what, under which rule (null when the pool is exempt). One per request: its id
 * derives from the request id.
 */
public record PoolRetentionChanged(String eventId, EventPool pool, Integer fromHours, Integer toHours, String rule,
                                   Caller changedBy, String requestId, Instant changedAt, Actor actor,
                                   TriggeredBy trigger) implements PoolEvent {

    public PoolRetentionChanged {
        if (actor == null && changedBy != null) {
            actor = Actor.of(changedBy);
        }
    }

    public static PoolRetentionChanged of(PoolChange change, Caller caller, Instant at, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_RETENTION_CHANGED, change.pool().arn(), trigger.id());
        return new PoolRetentionChanged(id, change.pool(), change.fromHours(), change.toHours(), change.rule(), caller,
                trigger.id(), at, Actor.of(caller), trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_RETENTION_CHANGED;
    }
}
