package kvspoolguard.core.pool;

/** Organizations could not say which accounts there are; the message says what was called and how it failed. */
public final class AccountDirectoryException extends RuntimeException {

    public AccountDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
