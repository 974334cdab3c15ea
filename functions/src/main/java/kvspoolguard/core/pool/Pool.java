package kvspoolguard.core.pool;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A KVS pool's configuration as Get returns it, plus the region whose API holds it and its tags
 * (empty when they were not fetched because the policy does not need them).
 * {@code retentionHours} is null for a pool created without one.
 */
@RecordBuilder
public record Pool(
        String name,
        String arn,
        String id,
        String region,
        PoolStatus status,
        Integer size,
        String streamRegion,
        Integer retentionHours,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> tags) {

    public Pool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(status, "status");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A pool named {@code name} of {@code arn} in {@code status}, its other fields set by name. */
    public static PoolBuilder builder(String name, String arn, PoolStatus status) {
        return PoolBuilder.builder().name(name).arn(arn).status(status).tags(Map.of());
    }

    /** This pool's fields, to change some of them by name. */
    public PoolBuilder toBuilder() {
        return PoolBuilder.builder(this);
    }

    public Pool withRetention(int hours, PoolStatus newStatus, Instant newUpdatedAt) {
        return toBuilder().retentionHours(hours).status(newStatus).updatedAt(newUpdatedAt).build();
    }

    public Pool withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

}
