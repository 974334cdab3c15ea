package kvspoolguard.enforcer;

/** The invocation's event is not one this function handles; the message says what is wrong with it. */
public final class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
