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

    /** A pool named {@code name} of {@code arn} in {@code status}, its other fields set by name. */
    public static Builder builder(String name, String arn, PoolStatus status) {
        return new Builder(name, arn, status);
    }

    /** This pool's fields, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(name, arn, status).id(id).region(region).size(size).streamRegion(streamRegion)
                .retentionHours(retentionHours).createdAt(createdAt).updatedAt(updatedAt).tags(tags);
    }

    public Pool withRetention(int hours, PoolStatus newStatus, Instant newUpdatedAt) {
        return toBuilder().retentionHours(hours).status(newStatus).updatedAt(newUpdatedAt).build();
    }

    public Pool withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** A pool's fields by name; what is not set is null (tags: none). */
    public static final class Builder {
        private final String name;
        private final String arn;
        private PoolStatus status;
        private String id;
        private String region;
        private Integer size;
        private String streamRegion;
        private Integer retentionHours;
        private Instant createdAt;
        private Instant updatedAt;
        private Map<String, String> tags = Map.of();

        private Builder(String name, String arn, PoolStatus status) {
            this.name = name;
            this.arn = arn;
            this.status = status;
        }

        public Builder status(PoolStatus value) {
            status = value;
            return this;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder size(Integer value) {
            size = value;
            return this;
        }

        public Builder streamRegion(String value) {
            streamRegion = value;
            return this;
        }

        public Builder retentionHours(Integer value) {
            retentionHours = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        public Pool build() {
            return new Pool(name, arn, id, region, status, size, streamRegion, retentionHours, createdAt, updatedAt,
                    tags);
        }
    }
}
