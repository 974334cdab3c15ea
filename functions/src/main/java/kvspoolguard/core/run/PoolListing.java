package kvspoolguard.core.run;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;

/**
 * The pools of one step of a shard's sweep, listed a page at a time on a thread of their own, so
 * that the pools of the first page are read while the next pages are listed: a step does not wait
 * for the whole listing (ten List calls one after the other for 1,000 pools) before its first Get.
 * The listing starts from a page token (null: the first page) and lists no further page once
 * {@code stop} says the step's time runs low: {@link #resumeToken} is then the page the next step
 * starts from. A listing failure ends the listing as a {@link ShardFailure}, after the pools listed
 * before it. Iterated once, in listing order; iteration waits for the next page when it has not
 * come yet.
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

    /**
     * One page waits at most: the lister is never more than two pages ahead of the pools being read,
     * so that what is listed when the step's time runs low can still be read in the time left.
     */
    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>(1);
    private final AtomicInteger listed = new AtomicInteger();
    private volatile ShardFailure failure;
    private volatile String resumeToken;
    private final Thread lister;

    /** What the listing asks and tells: {@code stop} before each page after the first, {@code onPage} each page. */
    record Watch(BooleanSupplier stop, Consumer<List<PoolRef>> onPage) {
    }

    private PoolListing(PoolDirectory directory, ShardStep from, Watch watch) {
        this.lister = Threads.virtual("pool-listing").newThread(() -> list(directory, from, watch));
        lister.start();
    }

    /**
     * Starts listing the pools of the shard of {@code from}, from its page; the watch's {@code onPage}
     * hears each page, on the lister, before it is handed out; its {@code stop} is asked before each page after the first.
     */
    static PoolListing start(PoolDirectory directory, ShardStep from, Watch watch) {
        return new PoolListing(directory, from, watch);
    }

    private void list(PoolDirectory directory, ShardStep from, Watch watch) {
        Shard shard = from.shard();
        String first = from.pageToken();
        BooleanSupplier stop = watch.stop();
        Consumer<List<PoolRef>> onPage = watch.onPage();
        ShardFilter only = new ShardFilter(shard.account(), shard.region());
        try {
            try {
                String token = first;
                do {
                    PoolPage page = directory.page(only, token, PAGE);
                    onPage.accept(page.pools());
                    listed.addAndGet(page.pools().size()); // counted before any of them is read
                    steps.put(new Listed(page.pools()));
                    token = page.nextToken();
                } while (token != null && !stop.getAsBoolean());
                resumeToken = token;
            } catch (PoolDirectoryException e) {
                failure = new ShardFailure(shard, e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            } catch (RuntimeException e) {
                steps.put(new Failed(e));
                return;
            }
            steps.put(new Ended());
        } catch (InterruptedException e) {
            // the step ended first (it failed on its own side): nobody reads further
        }
    }

    /** Why the shard's listing failed, once the listing has ended; null when it did not. */
    ShardFailure failure() {
        return failure;
    }

    /** The page the shard's next step starts from, once the listing has ended; null when it reached the last. */
    String resumeToken() {
        return failure == null ? resumeToken : null;
    }

    /** How many pools have been listed so far. */
    int listed() {
        return listed.get();
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

    /** Stops listing if the step ended before the listing did (it failed on its own side). */
    @Override
    public void close() {
        lister.interrupt();
    }
}
