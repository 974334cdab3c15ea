package kvspoolguard.core.history;

/** The history could not be kept or read; {@link Kind} says whether the caller or the store is at fault. */
public final class HistoryException extends RuntimeException {

    public enum Kind {
        /** A page token this history did not issue, or issued for another pool. */
        BAD_TOKEN,
        /** The store refused or could not be reached. */
        UNAVAILABLE
    }

    private final Kind kind;

    public HistoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
