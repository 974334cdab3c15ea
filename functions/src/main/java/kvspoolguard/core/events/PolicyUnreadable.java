package kvspoolguard.core.events;

/**
 * The policy could not be read and the run acted on none (fails closed): {@code reason} is
 * {@code DENIED} (SSM or its key refused) or {@code STALE} (unreadable for longer than the last
 * policy may stand in).
 */
public record PolicyUnreadable(String eventId, String runId, String policySource, String reason, String message,
                               TriggeredBy trigger) implements EventDetail {

    /** The store refused the policy: SSM or its key denied the read. */
    public static PolicyUnreadable denied(Origin origin, String source, String problem) {
        String runId = origin.runId();
        return new PolicyUnreadable(EventIds.of(EventType.POLICY_UNREADABLE, runId, "DENIED", problem), runId, source,
                "DENIED", problem, origin.trigger());
    }

    /** The policy was unreadable for longer than the last one read may stand in. */
    public static PolicyUnreadable stale(Origin origin, String source, String problem) {
        String runId = origin.runId();
        return new PolicyUnreadable(EventIds.of(EventType.POLICY_UNREADABLE, runId, "STALE", problem), runId, source,
                "STALE", problem, origin.trigger());
    }

    @Override
    public EventType type() {
        return EventType.POLICY_UNREADABLE;
    }
}
