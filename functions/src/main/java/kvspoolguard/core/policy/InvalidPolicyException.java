package kvspoolguard.core.policy;

/** A policy that cannot be applied as written. Enforcement fails closed on it: nothing is updated. */
public final class InvalidPolicyException extends RuntimeException {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
