package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.pool.PoolStatus;

/** A pool as one sight of it showed it: {@code status} null once it is deleted. */
@RecordBuilder
public record PoolSight(EventPool pool, PoolStatus status, Integer retentionHours, Instant observedAt) {

    public PoolSight {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public static PoolSightBuilder builder() {
        return PoolSightBuilder.builder();
    }
}
