package kvspoolguard.core.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.PoolStreams;
import kvspoolguard.core.stream.Stream;
import kvspoolguard.core.stream.StreamDirectory;
import kvspoolguard.core.stream.StreamPage;

/**
 * How a run reads pools' streams, in the fewest ListStreams calls for its size: a run over a few
 * pools lists each pool's own ({@code BEGINS_WITH <PoolId>-}); a sweep's step lists every pool
 * stream of each account and stream region it meets once ({@code BEGINS_WITH ChimeMediaPipelines-},
 * pages of up to 10,000), and matches them to its pools by their whole PoolId.
 */
final class StreamReads {

    private final StreamDirectory directory;
    private final boolean wholeShards;
    /** Per stream shard, its pool streams by the PoolId they are named after. */
    private final Map<Shard, CompletableFuture<Map<String, List<Stream>>>> listed = new ConcurrentHashMap<>();

    private StreamReads(StreamDirectory directory, boolean wholeShards) {
        this.directory = directory;
        this.wholeShards = wholeShards;
    }

    /** For a run over the pools named: each pool's own streams. */
    static StreamReads perPool(StreamDirectory directory) {
        return new StreamReads(directory, false);
    }

    /** For a step of a sweep: every pool stream of a stream region, once. */
    static StreamReads perShard(StreamDirectory directory) {
        return new StreamReads(directory, true);
    }

    /** Where a pool's streams are: its account, in its StreamConfiguration's region. */
    static Shard streamShard(Pool pool) {
        return new Shard(PoolRef.of(pool).account(), pool.streamRegion() == null ? pool.region() : pool.streamRegion());
    }

    /**
     * The pool's streams. A listing that fails fails every pool waiting on it, and is tried again by
     * the next pool that asks.
     */
    List<Stream> of(Pool pool) {
        Shard where = streamShard(pool);
        if (!wholeShards) {
            return PoolStreams.of(pool, all(where, pool.id() + "-"));
        }
        CompletableFuture<Map<String, List<Stream>>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, List<Stream>>> first = listed.putIfAbsent(where, mine);
        if (first == null) {
            try {
                mine.complete(byPoolId(all(where, Stream.POOL_PREFIX)));
            } catch (Throwable e) {
                // whatever it was, the pools waiting on this listing must not wait for ever
                listed.remove(where, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            first = mine;
        }
        return Workers.join(first).getOrDefault(pool.id(), List.of());
    }

    private static Map<String, List<Stream>> byPoolId(List<Stream> streams) {
        Map<String, List<Stream>> byPool = new HashMap<>();
        streams.forEach(s -> s.poolId().ifPresent(id -> byPool.computeIfAbsent(id, i -> new ArrayList<>()).add(s)));
        return byPool;
    }

    private List<Stream> all(Shard where, String prefix) {
        List<Stream> streams = new ArrayList<>();
        String token = null;
        do {
            StreamPage page = directory.page(where, prefix, token);
            streams.addAll(page.streams());
            token = page.next();
        } while (token != null);
        return streams;
    }
}
