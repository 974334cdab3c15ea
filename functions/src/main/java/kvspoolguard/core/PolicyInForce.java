package kvspoolguard.core;

import java.time.Instant;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.PolicyInvalid;
import kvspoolguard.core.events.PolicyUnreadable;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Recorder;

/** Every use case reads the policy first and fails closed: here its failures become problems, once. */
final class PolicyInForce {

    private PolicyInForce() {
    }

    /**
     * The policy a run goes by; an invalid one is reported (a {@code Policy Invalid} event of the
     * run, with the trigger's own events).
     */
    static Answer<RetentionPolicy> forRun(PolicySource source, String runId, Recorder recorder) {
        Instant at = recorder.now();
        Answer<RetentionPolicy> policy = read(source);
        Origin origin = new Origin(runId, recorder.trigger().triggeredBy());
        if (policy instanceof Answer.Refused<RetentionPolicy> refused) {
            switch (refused.problem()) {
                case Problem.PolicyInvalid invalid -> recorder.add(new GuardEvent(at, PolicyInvalid.of(origin,
                        source.location(), invalid.message())));
                case Problem.PolicyUnreadable unreadable -> recorder.add(new GuardEvent(at, unreadable.denied()
                        ? PolicyUnreadable.denied(origin, source.location(), unreadable.message())
                        : PolicyUnreadable.stale(origin, source.location(), unreadable.message())));
                default -> { } // unavailable for now: the trigger is tried again, nothing is reported yet
            }
        }
        return policy;
    }

    static Answer<RetentionPolicy> read(PolicySource source) {
        try {
            return new Answer.Done<>(source.current());
        } catch (InvalidPolicyException e) {
            return new Answer.Refused<>(new Problem.PolicyInvalid(e.getMessage()));
        } catch (PolicySourceException e) {
            return new Answer.Refused<>(switch (e.kind()) {
                case UNREACHABLE -> new Problem.PolicyUnavailable(e.getMessage());
                case DENIED -> new Problem.PolicyUnreadable(e.getMessage(), true);
                case STALE -> new Problem.PolicyUnreadable(e.getMessage(), false);
            });
        }
    }
}
