package kvspoolguard.core.policy;

/** Where the policy in force comes from: the defaults alone, or a document (SSM Parameter Store). */
public interface PolicySource {

    /**
     * The policy to apply now.
     *
     * @throws InvalidPolicyException when the configured document is missing or invalid: fail closed
     * @throws PolicySourceException when the source cannot be reached and nothing valid is cached
     */
    RetentionPolicy current();

    /** Where the policy is read from ("defaults", "ssm:/name"), for reports and the Policy Invalid event. */
    String location();

    /** A source of the given policy only (no document configured). */
    static PolicySource fixed(RetentionPolicy policy) {
        return new PolicySource() {
            @Override
            public RetentionPolicy current() {
                return policy;
            }

            @Override
            public String location() {
                return policy.source();
            }
        };
    }
}
