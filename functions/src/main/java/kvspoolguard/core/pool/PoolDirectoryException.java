package kvspoolguard.core.pool;

/**
 * A failure of the pool directory, said in the domain's words: what kind it is decides what the
 * run does (a conflict defers, a throttle or an outage is worth another try later, the rest fail).
 */
public final class PoolDirectoryException extends RuntimeException {

    /** The kinds of failure the run tells apart. */
    public enum Kind {
        /**
         * Gone; in use or not ACTIVE; throttled; 5xx or unreachable; the request itself was refused
         * as invalid; refused for any other reason; a page token the directory did not issue or the
         * service no longer accepts (its message, unlike the others', is safe to show a caller).
         */
        NOT_FOUND, CONFLICT, THROTTLED, UNAVAILABLE, INVALID_REQUEST, REJECTED, TOKEN_REJECTED
    }

    private final Kind kind;

    public PoolDirectoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
