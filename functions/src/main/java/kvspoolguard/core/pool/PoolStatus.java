package kvspoolguard.core.pool;

/** A pool's lifecycle status; a status this version does not know maps to {@link #UNKNOWN}, never a crash. */
public enum PoolStatus {
    CREATING, ACTIVE, UPDATING, DELETING, FAILED, UNKNOWN;

    public static PoolStatus fromValue(String value) {
        for (PoolStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
