package kvspoolguard.core.run;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;

/**
 * The pools of a sweep, listed a page at a time on a thread of their own, so that the pools of the
 * first page are read while the next pages are listed: a sweep does not wait for the whole listing
 * (ten List calls one after the other for 1,000 pools) before its first Get. Shards are listed one
 * after the other; a shard whose listing fails is a {@link ShardFailure} and the listing goes on
 * with the next. Iterated once, in listing order; iteration waits for the next page when it has not
 * come yet, and throws only when the shards themselves could not be said.
 */
final class PoolListing implements Iterable<PoolRef>, AutoCloseable {

    /** The most pools a List call may ask for. */
    static final int PAGE = 100;

    /** What the lister hands over: a page, the end, or the failure that ended the listing. */
    private sealed interface Step {
    }

    private record Listed(List<PoolRef> pools) implements Step {
    }

    private record Ended() implements Step {
    }

    private record Failed(RuntimeException cause) implements Step {
    }

    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> size = new CompletableFuture<>();
    private final List<ShardFailure> failures = new CopyOnWriteArrayList<>();
    private final Thread lister;

    private PoolListing(PoolDirectory directory, Consumer<List<PoolRef>> onPage) {
        this.lister = Thread.ofVirtual().name("pool-listing").start(() -> list(directory, onPage));
    }

    /** Starts listing every pool; {@code onPage} hears each page, on the lister, before it is handed out. */
    static PoolListing start(PoolDirectory directory, Consumer<List<PoolRef>> onPage) {
        return new PoolListing(directory, onPage);
    }

    private void list(PoolDirectory directory, Consumer<List<PoolRef>> onPage) {
        int listed = 0;
        try {
            for (Shard shard : directory.shards()) {
                ShardFilter only = new ShardFilter(shard.account(), shard.region());
                try {
                    String token = null;
                    do {
                        PoolPage page = directory.page(only, token, PAGE);
                        onPage.accept(page.pools());
                        steps.add(new Listed(page.pools()));
                        listed += page.pools().size();
                        token = page.nextToken();
                    } while (token != null && !Thread.currentThread().isInterrupted());
                } catch (PoolDirectoryException e) {
                    failures.add(new ShardFailure(shard, e.kind().name().toLowerCase(Locale.ROOT)
                            + ": " + e.getMessage()));
                }
            }
            steps.add(new Ended());
            size.complete(listed);
        } catch (RuntimeException e) {
            steps.add(new Failed(e));
            size.completeExceptionally(e);
        }
    }

    /** The shards whose listing failed, once the listing has ended. */
    List<ShardFailure> failures() {
        return List.copyOf(failures);
    }

    /** How many pools the listing holds, once it has ended. */
    CompletableFuture<Integer> size() {
        return size;
    }

    @Override
    public Iterator<PoolRef> iterator() {
        return new Iterator<>() {
            private final ArrayDeque<PoolRef> page = new ArrayDeque<>();
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (page.isEmpty() && !ended) {
                    switch (take(steps)) {
                        case Listed listed -> page.addAll(listed.pools());
                        case Ended e -> ended = true;
                        case Failed failed -> {
                            ended = true;
                            throw failed.cause();
                        }
                    }
                }
                return !page.isEmpty();
            }

            @Override
            public PoolRef next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.poll();
            }
        };
    }

    private static Step take(BlockingQueue<Step> steps) {
        try {
            return steps.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pool listing", e);
        }
    }

    /** Stops listing if the sweep ended before the listing did (it failed on its own side). */
    @Override
    public void close() {
        lister.interrupt();
    }
}
