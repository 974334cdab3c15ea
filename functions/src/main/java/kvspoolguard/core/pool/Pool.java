package kvspoolguard.core.pool;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A KVS pool's configuration as Get returns it, plus the region whose API holds it and its tags
 * (empty when they were not fetched because the policy does not need them).
 * {@code retentionHours} is null for a pool created without one.
 */
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

    public Pool withRetention(int hours, PoolStatus newStatus, Instant newUpdatedAt) {
        return new Pool(name, arn, id, region, newStatus, size, streamRegion, hours, createdAt, newUpdatedAt, tags);
    }

    public Pool withTags(Map<String, String> newTags) {
        return new Pool(name, arn, id, region, status, size, streamRegion, retentionHours, createdAt, updatedAt,
                newTags);
    }
}
