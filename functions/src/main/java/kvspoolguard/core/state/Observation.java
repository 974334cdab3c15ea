package kvspoolguard.core.state;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;

/**
 * What was seen of one pool at one moment: its status and retention, or that it is gone; the
 * violation it was left in (null: none), such as {@code DEFERRED->720}, so a violation is reported
 * when it starts or changes, not on every run; {@code intendedHours}, a retention this service
 * is setting right now, so that a concurrent reader who sees it does not take it for drift; and
 * its {@code standing} with the policy when it was last judged (null: not judged by this sight,
 * so the one recorded before stands). {@code observedAt} orders observations, so a late writer
 * cannot overwrite a newer one.
 */
public record Observation(String arn, String name, String region, PoolStatus status, Integer retentionHours,
                          boolean deleted, String violation, Integer intendedHours, Instant observedAt,
                          Standing standing) {

    /** An observation of a pool not judged by it. */
    public Observation(String arn, String name, String region, PoolStatus status, Integer retentionHours,
                       boolean deleted, String violation, Integer intendedHours, Instant observedAt) {
        this(arn, name, region, status, retentionHours, deleted, violation, intendedHours, observedAt, null);
    }

    public Observation {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(observedAt, "observedAt");
        if (!deleted) {
            Objects.requireNonNull(status, "status");
        }
    }

    public static Observation of(Pool pool, Instant observedAt) {
        return new Observation(pool.arn(), pool.name(), pool.region(), pool.status(), pool.retentionHours(), false,
                null, null, observedAt);
    }

    public static Observation deleted(PoolRef pool, Instant observedAt) {
        return new Observation(pool.arn(), pool.name(), pool.region(), null, null, true, null, null, observedAt);
    }

    /** A pool that could not be read: its status is unknown. */
    public static Observation unreadable(PoolRef pool, Instant observedAt) {
        return new Observation(pool.arn(), pool.name(), pool.region(), PoolStatus.UNKNOWN, null, false, null,
                null, observedAt);
    }

    /** The same pool with the retention this service just set, status as observed before the update. */
    public Observation enforced(int hours, Instant at) {
        return new Observation(arn, name, region, status, hours, false, null, null, at, standing);
    }

    /** The same observation, left in the given violation (null: none). */
    public Observation withViolation(String newViolation) {
        return new Observation(arn, name, region, status, retentionHours, deleted, newViolation, intendedHours,
                observedAt, standing);
    }

    /** The same observation, carrying the intent of this service to set it to {@code hours}. */
    public Observation intending(int hours) {
        return new Observation(arn, name, region, status, retentionHours, deleted, violation, hours, observedAt,
                standing);
    }

    /** The same observation, judged to stand so with the policy (null: not judged). */
    public Observation withStanding(Standing judged) {
        return new Observation(arn, name, region, status, retentionHours, deleted, violation, intendedHours,
                observedAt, judged);
    }
}
