package kvspoolguard.core.state;

/**
 * The state store could not be read or written (after the client's retries); a record that is
 * there but does not decode is the one kind of its own ({@link UnreadableRecordException}).
 */
public sealed class StateStoreException extends RuntimeException permits UnreadableRecordException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
