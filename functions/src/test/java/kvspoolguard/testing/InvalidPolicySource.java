package kvspoolguard.testing;

import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;

/** A policy source whose document is invalid: every read fails closed. */
public final class InvalidPolicySource implements PolicySource {

    public static final String PROBLEM = "rules[0]: minHours 900 is greater than maxHours 10";

    @Override
    public RetentionPolicy current() {
        throw new InvalidPolicyException(PROBLEM);
    }

    @Override
    public String location() {
        return "ssm:/p";
    }
}
