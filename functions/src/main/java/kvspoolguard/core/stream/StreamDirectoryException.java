package kvspoolguard.core.stream;

/**
 * A failure of the stream directory, in the domain's words: a version mismatch means read again
 * and decide again; a throttle or an outage is worth another try later; the rest fail.
 */
public final class StreamDirectoryException extends RuntimeException {

    /** The kinds of failure a run tells apart. */
    public enum Kind {
        /** Gone; changed since it was read; not ACTIVE; throttled; 5xx or unreachable; refused as invalid; refused otherwise. */
        NOT_FOUND, VERSION_MISMATCH, IN_USE, THROTTLED, UNAVAILABLE, INVALID_REQUEST, REJECTED
    }

    private final Kind kind;

    public StreamDirectoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
