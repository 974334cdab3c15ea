package kvspoolguard.core.state;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.PoolSight;
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
@RecordBuilder
public record Observation(String arn, String name, String region, PoolStatus status, Integer retentionHours,
                          boolean deleted, String violation, Integer intendedHours, Instant observedAt,
                          Standing standing) {

    public Observation {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(observedAt, "observedAt");
        if (!deleted) {
            Objects.requireNonNull(status, "status");
        }
    }

    /** An observation of {@code arn} at {@code observedAt}, its other fields set by name. */
    /** This observation as events show it: no status once deleted. */
    public PoolSight sight() {
        return PoolSight.builder().pool(EventPool.seen(arn, name, region)).status(deleted ? null : status)
                .retentionHours(retentionHours).observedAt(observedAt).build();
    }

    public static ObservationBuilder builder(String arn, Instant observedAt) {
        return ObservationBuilder.builder().arn(arn).observedAt(observedAt);
    }

    /** This observation's fields, to change some of them by name. */
    public ObservationBuilder toBuilder() {
        return ObservationBuilder.builder(this);
    }

    public static Observation of(Pool pool, Instant observedAt) {
        return builder(pool.arn(), observedAt).name(pool.name()).region(pool.region()).status(pool.status())
                .retentionHours(pool.retentionHours()).build();
    }

    public static Observation deleted(PoolRef pool, Instant observedAt) {
        return builder(pool.arn(), observedAt).name(pool.name()).region(pool.region()).deleted(true).build();
    }

    /** A pool that could not be read: its status is unknown. */
    public static Observation unreadable(PoolRef pool, Instant observedAt) {
        return builder(pool.arn(), observedAt).name(pool.name()).region(pool.region()).status(PoolStatus.UNKNOWN)
                .build();
    }

    /** The same pool with the retention this service just set, status as observed before the update. */
    public Observation enforced(int hours, Instant at) {
        return toBuilder().observedAt(at).retentionHours(hours).deleted(false).violation(null).intendedHours(null)
                .build();
    }

    /** The same observation, left in the given violation (null: none). */
    public Observation withViolation(String newViolation) {
        return toBuilder().violation(newViolation).build();
    }

    /** The same observation, carrying the intent of this service to set it to {@code hours}. */
    public Observation intending(int hours) {
        return toBuilder().intendedHours(hours).build();
    }

    /** The same observation, judged to stand so with the policy (null: not judged). */
    public Observation withStanding(Standing judged) {
        return toBuilder().standing(judged).build();
    }

}
