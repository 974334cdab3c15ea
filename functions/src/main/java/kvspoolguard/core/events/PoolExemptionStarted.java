package kvspoolguard.core.events;

import java.time.Instant;

/**
 * A pool became exempt from the policy: by its tag ({@code basis} TAG) or listed by the document
 * until {@code until} (LISTED). {@code actor} names who tagged it, when CloudTrail's record of the
 * TagResource call was kept before the pool was judged (null: not known, or listed).
 */
public record PoolExemptionStarted(String eventId, EventPool pool, String basis, String reason, Instant until,
                                   Integer retentionHours, Instant observedAt, Actor actor,
                                   TriggeredBy trigger) implements PoolEvent {

    /**
     * Why the pool is exempt: {@code basis} TAG or LISTED, the reason, until when (null: for as long
     * as the tag stays), and who tagged it (null: not known).
     */
    public record Why(String basis, String reason, Instant until, Actor actor) {
    }

    /** One per start: its id names the pool and the sight that found it exempt. */
    public static PoolExemptionStarted of(PoolSight now, Why why, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_EXEMPTION_STARTED, now.pool().arn(), now.observedAt());
        return new PoolExemptionStarted(id, now.pool(), why.basis(), why.reason(), why.until(), now.retentionHours(),
                now.observedAt(), why.actor(), trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_EXEMPTION_STARTED;
    }
}
