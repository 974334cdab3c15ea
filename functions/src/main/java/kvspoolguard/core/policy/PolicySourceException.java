package kvspoolguard.core.policy;

/** The policy could not be read: why, so that a run knows whether to wait for it or fail closed. */
public final class PolicySourceException extends RuntimeException {

    public enum Kind {
        /** The store is unreachable and nothing valid was read before: a later run may read it. */
        UNREACHABLE,
        /** The store refused (access or its key denied): a change of permissions, not a blip; fails closed. */
        DENIED,
        /** The store has been unreachable for longer than the last policy read may stand in: fails closed. */
        STALE
    }

    private final Kind kind;

    public PolicySourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
