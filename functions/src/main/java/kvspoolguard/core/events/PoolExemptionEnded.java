package kvspoolguard.core.events;

import java.time.Instant;

/**
 * A pool that was exempt is governed again: its tag removed or turned off, or its listing ended.
 * {@code rule} is the rule that judges it now (null when it could not be judged). {@code actor}
 * names who removed the tag, when CloudTrail's record of the UntagResource call was kept (null:
 * not known, or no such call: a listing that ended, the tag turned off).
 */
public record PoolExemptionEnded(String eventId, EventPool pool, String rule, Integer retentionHours,
                                 Instant observedAt, Actor actor, TriggeredBy trigger)
        implements PoolEvent {

    /** One per end: its id names the pool and the sight that found it governed again. */
    public static PoolExemptionEnded of(PoolSight now, String rule, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_EXEMPTION_ENDED, now.pool().arn(), now.observedAt());
        return new PoolExemptionEnded(id, now.pool(), rule, now.retentionHours(), now.observedAt(), null, trigger);
    }

    /** This end, naming who untagged the pool. */
    public PoolExemptionEnded madeBy(Actor untagger) {
        return new PoolExemptionEnded(eventId, pool, rule, retentionHours, observedAt, untagger, trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_EXEMPTION_ENDED;
    }
}
