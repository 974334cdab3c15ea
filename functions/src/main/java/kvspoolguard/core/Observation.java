package kvspoolguard.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What was seen of one pool at one moment: its status and retention, or that it is gone.
 * {@code observedAt} orders observations, so a late writer cannot overwrite a newer one.
 */
public record Observation(String arn, String name, String region, PoolStatus status, Integer retentionHours,
                          boolean deleted, Instant observedAt) {

    public Observation {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(observedAt, "observedAt");
        if (!deleted) {
            Objects.requireNonNull(status, "status");
        }
    }

    public static Observation of(Pool pool, Instant observedAt) {
        return new Observation(pool.arn(), pool.name(), pool.region(), pool.status(), pool.retentionHours(), false,
                observedAt);
    }

    public static Observation deleted(PoolRef pool, Instant observedAt) {
        return new Observation(pool.arn(), pool.name(), pool.region(), null, null, true, observedAt);
    }

    /** The same pool with the retention this service just set, status as observed before the update. */
    public Observation enforced(int hours, Instant at) {
        return new Observation(arn, name, region, status, hours, false, at);
    }
}
