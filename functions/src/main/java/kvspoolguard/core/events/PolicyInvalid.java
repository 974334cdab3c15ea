package kvspoolguard.core.events;

/** The policy document was refused, and the run acted on none. */
public record PolicyInvalid(String eventId, String runId, String policySource, String message,
                            TriggeredBy trigger) implements EventDetail {

    public static PolicyInvalid of(Origin origin, String source, String problem) {
        return new PolicyInvalid(EventIds.of(EventType.POLICY_INVALID, origin.runId()), origin.runId(), source, problem,
                origin.trigger());
    }

    @Override
    public EventType type() {
        return EventType.POLICY_INVALID;
    }
}
