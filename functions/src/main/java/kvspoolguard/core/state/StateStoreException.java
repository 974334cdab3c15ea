package kvspoolguard.core.state;

/** The state store could not be read or written (after the client's retries). */
public final class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
