package kvspoolguard.core;

/** A policy source whose document is invalid: every read fails closed. */
final class InvalidPolicySource implements PolicySource {

    static final String PROBLEM = "rules[0]: minHours 900 is greater than maxHours 10";

    @Override
    public RetentionPolicy current() {
        throw new InvalidPolicyException(PROBLEM);
    }

    @Override
    public String location() {
        return "ssm:/p";
    }
}
