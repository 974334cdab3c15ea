package kvspoolguard.testing;

import java.util.List;
import java.util.function.Consumer;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;

/**
 * A pool directory that tells {@code watcher} of each call it passes on, as the Chime API would
 * see it ({@code List <token> <limit>}, {@code Get <pool>[ +tags]}, {@code Update <pool> <hours>}),
 * before making it: to record the calls, or to let time pass while they are made.
 */
public final class WatchedPoolDirectory implements PoolDirectory {

    private final PoolDirectory pools;
    private final Consumer<String> watcher;

    public WatchedPoolDirectory(PoolDirectory pools, Consumer<String> watcher) {
        this.pools = pools;
        this.watcher = watcher;
    }

    @Override
    public List<Shard> shards() {
        return pools.shards();
    }

    @Override
    public boolean governs(Shard shard) {
        return pools.governs(shard);
    }

    @Override
    public PoolPage page(ShardFilter only, String token, int limit) {
        watcher.accept("List " + token + " " + limit);
        return pools.page(only, token, limit);
    }

    @Override
    public Pool describe(PoolRef ref, boolean withTags) {
        watcher.accept("Get " + ref.identifier() + (withTags ? " +tags" : ""));
        return pools.describe(ref, withTags);
    }

    @Override
    public Pool updateRetention(PoolRef ref, int hours) {
        watcher.accept("Update " + ref.identifier() + " " + hours);
        return pools.updateRetention(ref, hours);
    }
}
