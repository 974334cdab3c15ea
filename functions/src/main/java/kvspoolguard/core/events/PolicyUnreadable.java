package kvspoolguard.core.events;

/**
 * The policy could not be read and the run acted on none (fails closed): {@code reason} is
 * {@code DENIED} (SSM or its key refused) or {@code STALE} (unreadable for longer than the last
 * policy may stand in).
 */
public record PolicyUnreadable(String eventId, String runId, String policySource, String reason, String message,
                               TriggeredBy trigger) implements EventDetail {

    public static PolicyUnreadable of(String runId, String source, boolean denied, String problem,
                                      TriggeredBy trigger) {
        String reason = denied ? "DENIED" : "STALE";
        return new PolicyUnreadable(EventIds.of(EventType.POLICY_UNREADABLE, runId, reason, problem), runId, source,
                reason, problem, trigger);
    }

    @Override
    public EventType type() {
        return EventType.POLICY_UNREADABLE;
    }
}
