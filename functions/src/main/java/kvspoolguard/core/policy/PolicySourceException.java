package kvspoolguard.core.policy;

/** The policy could not be read (the store is unreachable): no run can act, and a later one may. */
public final class PolicySourceException extends RuntimeException {

    public PolicySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
