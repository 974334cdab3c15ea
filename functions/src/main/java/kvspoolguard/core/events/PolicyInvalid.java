package kvspoolguard.core.events;

/** The policy document was refused, and the run acted on none. */
public record PolicyInvalid(String eventId, String runId, String policySource, String message,
                            TriggeredBy trigger) implements EventDetail {

    public static PolicyInvalid of(String runId, String source, String problem, TriggeredBy trigger) {
        return new PolicyInvalid(EventIds.of(EventType.POLICY_INVALID, runId), runId, source, problem, trigger);
    }

    @Override
    public EventType type() {
        return EventType.POLICY_INVALID;
    }
}
