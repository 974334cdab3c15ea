package kvspoolguard.enforcer;

/** Thrown after a run that left work undone, so that the invocation is retried and then dead-lettered. */
public final class IncompleteRunException extends RuntimeException {

    public IncompleteRunException(String message) {
        super(message);
    }
}
