package kvspoolguard.core.events;

/** The events this service emits, each with its EventBridge detail-type and JSON Schema (docs/events/). */
public enum EventType {
    POOL_STATUS_CHANGED("Pool Status Changed", "pool-status-changed"),
    POOL_RETENTION_DRIFTED("Pool Retention Drifted", "pool-retention-drifted"),
    POOL_DRIFT_ATTRIBUTED("Pool Drift Attributed", "pool-drift-attributed"),
    POOL_EXEMPTION_STARTED("Pool Exemption Started", "pool-exemption-started"),
    POOL_EXEMPTION_ENDED("Pool Exemption Ended", "pool-exemption-ended"),
    POOL_RETENTION_ENFORCED("Pool Retention Enforced", "pool-retention-enforced"),
    POOL_RETENTION_VIOLATION("Pool Retention Violation", "pool-retention-violation"),
    POOL_RETENTION_CHANGED("Pool Retention Changed", "pool-retention-changed"),
    STREAM_RETENTION_DRIFTED("Stream Retention Drifted", "stream-retention-drifted"),
    ENFORCEMENT_RUN_COMPLETED("Enforcement Run Completed", "enforcement-run-completed"),
    ENFORCEMENT_RUN_INCOMPLETE("Enforcement Run Incomplete", "enforcement-run-incomplete"),
    SHARD_FAILED("Shard Failed", "shard-failed"),
    POLICY_INVALID("Policy Invalid", "policy-invalid"),
    POLICY_UNREADABLE("Policy Unreadable", "policy-unreadable"),
    POLICY_CHANGED("Policy Changed", "policy-changed"),
    ENFORCEMENT_REQUESTED("Enforcement Requested", "enforcement-requested");

    /** The {@code source} of every event this service emits. */
    public static final String SOURCE = "kvs-pool-guard";

    private final String detailType;
    private final String slug;

    EventType(String detailType, String slug) {
        this.detailType = detailType;
        this.slug = slug;
    }

    /**
     * The record this type's detail is. A switch rather than a field, so that naming a type does not
     * load every record (a cold start that publishes nothing loads none).
     */
    public Class<? extends EventDetail> detail() {
        return switch (this) {
            case POOL_STATUS_CHANGED -> PoolStatusChanged.class;
            case POOL_RETENTION_DRIFTED -> PoolRetentionDrifted.class;
            case POOL_DRIFT_ATTRIBUTED -> PoolDriftAttributed.class;
            case POOL_RETENTION_ENFORCED -> PoolRetentionEnforced.class;
            case POOL_RETENTION_VIOLATION -> PoolRetentionViolation.class;
            case POOL_RETENTION_CHANGED -> PoolRetentionChanged.class;
            case STREAM_RETENTION_DRIFTED -> StreamRetentionDrifted.class;
            case ENFORCEMENT_RUN_COMPLETED -> EnforcementRunCompleted.class;
            case ENFORCEMENT_RUN_INCOMPLETE -> EnforcementRunIncomplete.class;
            case SHARD_FAILED -> ShardFailed.class;
            case POLICY_INVALID -> PolicyInvalid.class;
            case POLICY_UNREADABLE -> PolicyUnreadable.class;
            case POLICY_CHANGED -> PolicyChanged.class;
            case ENFORCEMENT_REQUESTED -> EnforcementRequested.class;
            case POOL_EXEMPTION_STARTED -> PoolExemptionStarted.class;
            case POOL_EXEMPTION_ENDED -> PoolExemptionEnded.class;
        };
    }

    /** The type whose detail-type is {@code detailType}, or null when this service emits none such. */
    public static EventType ofDetailType(String detailType) {
        for (EventType type : values()) {
            if (type.detailType.equals(detailType)) {
                return type;
            }
        }
        return null;
    }

    public String detailType() {
        return detailType;
    }

    /** The file name stem of this event's schema: docs/events/{slug}.v1.json. */
    public String slug() {
        return slug;
    }
}
