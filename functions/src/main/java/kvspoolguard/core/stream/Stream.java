package kvspoolguard.core.stream;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.core.pool.Shard;

/**
 * A Kinesis video stream as ListStreams shows it: where it is (the account, and the region of its
 * pool's {@code StreamConfiguration}), its retention, and the version a change must name.
 */
public record Stream(String name, String arn, Shard shard, int retentionHours, String version, String status,
                     Instant createdAt) {

    /** What every pool's streams are named after: the media pipelines service's prefix of a PoolId. */
    public static final String POOL_PREFIX = "ChimeMediaPipelines-";

    private static final int UUID_LENGTH = 36;

    /** {@code <PoolId>-<suffix>}, a PoolId ending in the pool's UUID. */
    private static final Pattern OF_POOL = Pattern.compile(
            "^(" + POOL_PREFIX + ".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[^-]+$");

    public Stream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(shard, "shard");
    }

    /** The PoolId the stream is named after; empty for a stream of another naming. */
    public Optional<String> poolId() {
        return poolIdOf(name);
    }

    /** The PoolId a stream named {@code name} is named after; empty for another naming. */
    public static Optional<String> poolIdOf(String name) {
        Matcher m = OF_POOL.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name of the pool of a PoolId ({@code ChimeMediaPipelines-<PoolName>-<uuid>}). */
    public static String poolNameOf(String poolId) {
        return poolId.substring(POOL_PREFIX.length(), poolId.length() - UUID_LENGTH - 1);
    }

    /**
     * True when the stream is one of the pool's: named after its whole PoolId, never a prefix of it
     * ({@code ChimeMediaPipelines-dev-…} is not {@code dev2}'s).
     */
    public boolean of(String poolId) {
        return poolId != null && poolId().filter(poolId::equals).isPresent();
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** The same stream as it stands after its retention became {@code hours}. */
    public Stream withRetention(int hours, String newVersion) {
        return new Stream(name, arn, shard, hours, newVersion, status, createdAt);
    }
}
