package kvspoolguard.core.events;

import kvspoolguard.core.pool.PoolStatus;

/**
 * A change due and not made, reported when the pool enters that violation: {@code reason} says
 * why ({@code DRY_RUN}, {@code DEFERRED}, {@code CAP_REACHED}, {@code UPDATE_FAILED}), {@code
 * message} in words, {@code status} the pool's as seen (null when it could not be read).
 */
public record PoolRetentionViolation(String eventId, EventPool pool, String runId, Integer fromHours, Integer toHours,
                                     String rule, PoolStatus status, String reason, String message,
                                     TriggeredBy trigger) implements PoolEvent {

    /**
     * One run can report a pool twice with other facts (an update that failed, then, on the step's
     * next delivery, the cap reached): the id names every field the detail states, so that one id is
     * always one detail.
     */
    public static PoolRetentionViolation of(Origin origin, PoolChange change, Shortfall shortfall) {
        String runId = origin.runId();
        TriggeredBy trigger = origin.trigger();
        String id = EventIds.of(EventType.POOL_RETENTION_VIOLATION, runId, change.pool().arn(), change.fromHours(),
                change.toHours(), change.rule(), shortfall.status(), shortfall.reason(), shortfall.message(),
                trigger.kind(), trigger.id());
        return new PoolRetentionViolation(id, change.pool(), runId, change.fromHours(), change.toHours(),
                change.rule(), shortfall.status(), shortfall.reason(), shortfall.message(), trigger);
    }

    /** Why a change was not made: the pool's status as seen, the reason's name and its words. */
    public record Shortfall(PoolStatus status, String reason, String message) {
    }

    @Override
    public EventType type() {
        return EventType.POOL_RETENTION_VIOLATION;
    }
}
