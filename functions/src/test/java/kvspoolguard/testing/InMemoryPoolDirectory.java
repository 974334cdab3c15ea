package kvspoolguard.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;

/** The pool directory as a map, for pure tests of the core: scripted failures, call counts, peak concurrency. */
public final class InMemoryPoolDirectory implements PoolDirectory {

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, PoolDirectoryException.Kind> failDescribe = new HashMap<>();
    private final Map<String, PoolDirectoryException.Kind> failUpdate = new HashMap<>();
    public final List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger describes = new AtomicInteger();
    public final AtomicInteger describesWithTags = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile CountDownLatch meeting;
    /** Pools whose update kills the run: before it reaches the service, or after the service made it. */
    private final Map<String, Boolean> killOnUpdate = new ConcurrentHashMap<>();

    /** The process dies while updating {@code name}: {@code landed} says whether the update was made. */
    public void killOnUpdate(String name, boolean landed) {
        killOnUpdate.put(name, landed);
    }

    public InMemoryPoolDirectory add(Pool... added) {
        for (Pool pool : added) {
            pools.put(pool.name(), pool);
        }
        return this;
    }

    public void failDescribe(String name, PoolDirectoryException.Kind kind) {
        failDescribe.put(name, kind);
    }

    public void failUpdate(String name, PoolDirectoryException.Kind kind) {
        failUpdate.put(name, kind);
    }

    public Pool pool(String name) {
        return pools.get(name);
    }

    /** Every pool, in listing order. */
    public List<PoolRef> list() {
        return pools.values().stream().sorted(java.util.Comparator.comparing(Pool::name))
                .map(PoolRef::of).toList();
    }

    private final java.util.Set<Shard> ungoverned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code shard} is outside the stack's scope from now on (every other shard is governed). */
    public void ungovern(Shard shard) {
        ungoverned.add(shard);
    }

    @Override
    public boolean governs(Shard shard) {
        return !ungoverned.contains(shard);
    }

    @Override
    public List<Shard> shards() {
        return list().stream().map(PoolRef::shard).distinct().sorted().toList();
    }

    /** Pages of the listing of the shards {@code only} accepts; a token is the index of the page's first pool. */
    @Override
    public PoolPage page(ShardFilter only, String token, int limit) {
        List<PoolRef> all = list().stream().filter(ref -> only.accepts(ref.shard())).toList();
        int from;
        try {
            from = token == null ? 0 : Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.TOKEN_REJECTED, "not a token of this directory: " + token, null);
        }
        pagesListed.incrementAndGet();
        if (from > 0) {
            awaitDescribes(describesBeforeNextPage);
            PoolDirectoryException.Kind kind = failPagesAfterFirst;
            if (kind != null) {
                throw new PoolDirectoryException(kind, "scripted " + kind + " listing from pool " + from, null);
            }
        }
        int to = Math.min(all.size(), from + limit);
        return new PoolPage(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
    }

    /** Runs as each pool's read begins, with the pool's name. */
    public volatile Consumer<String> onDescribe = name -> { };

    @Override
    public Pool describe(PoolRef ref, boolean withTags) {
        onDescribe.accept(ref.name());
        track();
        try {
            describes.incrementAndGet();
            if (withTags) {
                describesWithTags.incrementAndGet();
            }
            fail(failDescribe, ref.name());
            Pool pool = pools.get(ref.name());
            if (pool == null) {
                throw new PoolDirectoryException(PoolDirectoryException.Kind.NOT_FOUND, ref.name() + " not found", null);
            }
            return withTags ? pool : pool.withTags(Map.of());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Pool updateRetention(PoolRef ref, int hours) {
        fail(failUpdate, ref.name());
        Boolean landed = killOnUpdate.remove(ref.name());
        if (Boolean.FALSE.equals(landed)) {
            throw new ProcessKilled("before updating " + ref.name());
        }
        updates.add(ref.name() + "=" + hours);
        Pool updated = pools.get(ref.name()).withRetention(hours, PoolStatus.ACTIVE, Instant.now());
        pools.put(ref.name(), updated);
        if (Boolean.TRUE.equals(landed)) {
            throw new ProcessKilled("after updating " + ref.name());
        }
        return updated;
    }

    public final AtomicInteger pagesListed = new AtomicInteger();
    /** Whether some page was listed only after its wait for reads timed out. */
    public final AtomicBoolean listingWaitedOut = new AtomicBoolean();
    /** Listing past the first page waits (up to 5 s) until this many pools have been read: 0, no wait. */
    public volatile int describesBeforeNextPage;
    /** Listing past the first page fails with this kind; null: it does not. */
    public volatile PoolDirectoryException.Kind failPagesAfterFirst;

    private void awaitDescribes(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (describes.get() < count) {
            if (System.nanoTime() > deadline) {
                listingWaitedOut.set(true);
                return;
            }
            Thread.yield();
        }
    }

    /** Makes the first two reads wait for each other (up to 5 s): they meet only if reads overlap. */
    public void requireOverlap() {
        meeting = new CountDownLatch(2);
    }

    private void track() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        CountDownLatch latch = meeting;
        if (latch != null) {
            latch.countDown();
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void fail(Map<String, PoolDirectoryException.Kind> failures, String name) {
        PoolDirectoryException.Kind kind = failures.get(name);
        if (kind != null) {
            throw new PoolDirectoryException(kind, "scripted " + kind + " for " + name, null);
        }
    }
}
