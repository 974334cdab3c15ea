package kvspoolguard.core.events;

/**
 * One of a pool's streams holds another retention than its pool should have: {@code fromHours}
 * found, {@code toHours} due. Published before the guard changes the stream ({@code action}
 * CORRECTING), or saying why it does not (DRY_RUN, EXEMPT, CAP_REACHED, BUDGET_REACHED, HELD).
 * {@code actor} names who changed the stream, when CloudTrail's record of the call is known (null:
 * not known).
 */
public record StreamRetentionDrifted(String eventId, EventPool pool, String poolId, EventStream stream,
                                     int fromHours, int toHours, Action action, String reason, String runId,
                                     Actor actor, TriggeredBy trigger) implements PoolEvent {

    /** What the guard does about the drift. */
    public enum Action { CORRECTING, DRY_RUN, EXEMPT, CAP_REACHED, BUDGET_REACHED, HELD }

    /** A stream as events name it. */
    public record EventStream(String arn, String name, String region) {
    }

    /**
     * What was found: a stream of the pool {@code poolId}, in its {@code version}, with
     * {@code fromHours} where {@code toHours} is due; what the guard does and why (null: nothing to
     * say); who changed it (null: not known).
     */
    public record Found(String poolId, EventStream stream, String version, int fromHours, int toHours, Action action,
                        String reason, Actor actor) {
    }

    /**
     * One per stream version and run: its id names the run, the stream, the version read and every
     * field the detail states, so that a step delivered again sends the same event, and a drift left
     * for a later run is reported by that run under its own id.
     */
    public static StreamRetentionDrifted of(Origin origin, EventPool pool, Found found) {
        String id = EventIds.of(EventType.STREAM_RETENTION_DRIFTED, origin.runId(), found.stream().arn(),
                found.version(), found.fromHours(), found.toHours(), found.action(), found.reason(),
                found.actor() == null ? null : found.actor().principal(), origin.trigger().kind(), origin.trigger().id());
        return new StreamRetentionDrifted(id, pool, found.poolId(), found.stream(), found.fromHours(), found.toHours(),
                found.action(), found.reason(), origin.runId(), found.actor(), origin.trigger());
    }

    @Override
    public EventType type() {
        return EventType.STREAM_RETENTION_DRIFTED;
    }
}
