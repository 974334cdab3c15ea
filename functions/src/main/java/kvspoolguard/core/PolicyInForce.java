package kvspoolguard.core;

import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.run.Problem;

/** Every use case reads the policy first and fails closed: here its failures become problems, once. */
final class PolicyInForce {

    private PolicyInForce() {
    }

    static Answer<RetentionPolicy> read(PolicySource source) {
        try {
            return new Answer.Done<>(source.current());
        } catch (InvalidPolicyException e) {
            return new Answer.Refused<>(new Problem.PolicyInvalid(e.getMessage()));
        } catch (PolicySourceException e) {
            return new Answer.Refused<>(new Problem.PolicyUnavailable(e.getMessage()));
        }
    }
}
