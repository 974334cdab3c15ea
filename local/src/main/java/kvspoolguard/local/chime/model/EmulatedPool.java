package kvspoolguard.local.chime.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A pool as the emulator holds it: what tests seed (any status, size and timestamps) and what
 * {@link ChimePoolEmulator#pools()} reads back. Null members are filled when seeded: accountId by the
 * emulator's own account, region by its default region, streamRegion by region, status ACTIVE, poolId and timestamps as
 * Create would make them. A null {@code dataRetentionInHours} is a pool created without one.
 */
public record EmulatedPool(
        String name,
        String accountId,
        String region,
        String streamRegion,
        Integer dataRetentionInHours,
        PoolStatus status,
        Integer poolSize,
        String poolId,
        Instant createdTimestamp,
        Instant updatedTimestamp,
        Map<String, String> tags) {

    public EmulatedPool {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (accountId != null && !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
        }
    }

    /** An ACTIVE pool in the emulator's default region with the given retention. */
    public static EmulatedPool active(String name, int dataRetentionInHours) {
        return new EmulatedPool(name, null, null, null, dataRetentionInHours, PoolStatus.ACTIVE,
                null, null, null, null, Map.of());
    }

    public EmulatedPool withAccount(String newAccountId) {
        return new EmulatedPool(name, newAccountId, region, streamRegion, dataRetentionInHours, status, poolSize,
                poolId, createdTimestamp, updatedTimestamp, tags);
    }

    public EmulatedPool withRegion(String newRegion) {
        return new EmulatedPool(name, accountId, newRegion, streamRegion, dataRetentionInHours, status, poolSize,
                poolId, createdTimestamp, updatedTimestamp, tags);
    }

    public EmulatedPool withRetention(Integer hours) {
        return new EmulatedPool(name, accountId, region, streamRegion, hours, status, poolSize, poolId,
                createdTimestamp, updatedTimestamp, tags);
    }

    public EmulatedPool withStatus(PoolStatus newStatus) {
        return new EmulatedPool(name, accountId, region, streamRegion, dataRetentionInHours, newStatus, poolSize,
                poolId, createdTimestamp, updatedTimestamp, tags);
    }

    public EmulatedPool withTags(Map<String, String> newTags) {
        return new EmulatedPool(name, accountId, region, streamRegion, dataRetentionInHours, status, poolSize,
                poolId, createdTimestamp, updatedTimestamp, newTags);
    }

    public EmulatedPool withTimestamps(Instant created, Instant updated) {
        return new EmulatedPool(name, accountId, region, streamRegion, dataRetentionInHours, status, poolSize,
                poolId, created, updated, tags);
    }
}
