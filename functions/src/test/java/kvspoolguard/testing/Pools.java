package kvspoolguard.testing;

import java.time.Instant;
import java.util.Map;
import kvspoolguard.core.policy.Judging;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;

/** Test pools, built in one line. */
public final class Pools {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    /** The account and region of every test pool. */
    public static final Shard HOME = new Shard("123456789012", "us-east-1");
    /** Where no organisation can be read: a rule on units is never decided. */
    public static final Placements NO_ORGANIZATION = new Placements(AccountDirectory.NONE);
    /** When the tests judge, with no organisation to read. */
    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    public static final Judging JUDGING = new Judging(NO_ORGANIZATION, NOW);

    private Pools() {
    }

    public static Pool active(String name, Integer hours) {
        return pool(name, hours, PoolStatus.ACTIVE, Map.of(), "us-east-1");
    }

    public static Pool pool(String name, Integer hours, PoolStatus status, Map<String, String> tags, String streamRegion) {
        return Pool.builder(name, "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/" + name,
                status).id("ChimeMediaPipelines-" + name + "-1").region("us-east-1").size(0).streamRegion(streamRegion)
                .retentionHours(hours).createdAt(CREATED).updatedAt(CREATED).tags(tags).build();
    }
}
