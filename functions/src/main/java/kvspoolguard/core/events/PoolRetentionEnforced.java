package kvspoolguard.core.events;

/** An update a run made. */
public record PoolRetentionEnforced(String eventId, EventPool pool, String runId, Integer fromHours, Integer toHours,
                                    String rule, TriggeredBy trigger) implements PoolEvent {

    /**
     * Its id names every field the detail states (see {@link PoolRetentionViolation#of}), and not
     * the event's time: the report written with an update's intent and the one published after it
     * keep one id.
     */
    public static PoolRetentionEnforced of(String runId, PoolChange change, TriggeredBy trigger) {
        String id = EventIds.of(EventType.POOL_RETENTION_ENFORCED, runId, change.pool().arn(), change.fromHours(),
                change.toHours(), change.rule(), null, null, null, trigger.kind(), trigger.id());
        return new PoolRetentionEnforced(id, change.pool(), runId, change.fromHours(), change.toHours(), change.rule(),
                trigger);
    }

    @Override
    public EventType type() {
        return EventType.POOL_RETENTION_ENFORCED;
    }
}
