package kvspoolguard.core.events;

/** The events this service emits, each with its EventBridge detail-type and JSON Schema (docs/events/). */
public enum EventType {
    POOL_STATUS_CHANGED("Pool Status Changed", "pool-status-changed", PoolStatusChanged.class),
    POOL_RETENTION_DRIFTED("Pool Retention Drifted", "pool-retention-drifted", PoolRetentionDrifted.class),
    POOL_DRIFT_ATTRIBUTED("Pool Drift Attributed", "pool-drift-attributed", PoolDriftAttributed.class),
    POOL_RETENTION_ENFORCED("Pool Retention Enforced", "pool-retention-enforced", PoolRetentionEnforced.class),
    POOL_RETENTION_VIOLATION("Pool Retention Violation", "pool-retention-violation", PoolRetentionViolation.class),
    POOL_RETENTION_CHANGED("Pool Retention Changed", "pool-retention-changed", PoolRetentionChanged.class),
    ENFORCEMENT_RUN_COMPLETED("Enforcement Run Completed", "enforcement-run-completed", EnforcementRunCompleted.class),
    ENFORCEMENT_RUN_INCOMPLETE("Enforcement Run Incomplete", "enforcement-run-incomplete", EnforcementRunIncomplete.class),
    SHARD_FAILED("Shard Failed", "shard-failed", ShardFailed.class),
    POLICY_INVALID("Policy Invalid", "policy-invalid", PolicyInvalid.class),
    POLICY_UNREADABLE("Policy Unreadable", "policy-unreadable", PolicyUnreadable.class),
    ENFORCEMENT_REQUESTED("Enforcement Requested", "enforcement-requested", EnforcementRequested.class);

    /** The {@code source} of every event this service emits. */
    public static final String SOURCE = "kvs-pool-guard";

    private final String detailType;
    private final String slug;
    private final Class<? extends EventDetail> detail;

    EventType(String detailType, String slug, Class<? extends EventDetail> detail) {
        this.detailType = detailType;
        this.slug = slug;
        this.detail = detail;
    }

    /** The record this type's detail is. */
    public Class<? extends EventDetail> detail() {
        return detail;
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
