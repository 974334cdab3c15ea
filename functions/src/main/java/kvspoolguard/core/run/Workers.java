package kvspoolguard.core.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Work over many items (pools, event batches) on virtual threads, at most {@code concurrency} at a
 * time: the work waits on the network, so the bound is what limits the load on a service, not the
 * threads.
 */
public final class Workers {

    private Workers() {
    }

    /**
     * The results of {@code work} on each item, in the items' order. Items are started in their
     * order (a permit is taken before each is handed to a thread), so that work on the first items
     * begins first; the items may still be coming (a listing). If some work throws, the first such
     * exception (in the items' order) is thrown, once every started item's work has ended; if the
     * iteration throws, that is thrown once every started item's work has ended. A single item (an
     * aws.chime event's pool) is worked on the caller's thread: no workers to start for it.
     */
    public static <T, R> List<R> map(Iterable<T> items, int concurrency, Function<T, R> work) {
        if (items instanceof Collection<T> one && one.size() == 1) {
            List<R> result = new ArrayList<>(1); // as the workers' list: a null result is kept
            result.add(work.apply(one.iterator().next()));
            return result;
        }
        Semaphore permits = new Semaphore(concurrency);
        List<Future<R>> pending = new ArrayList<>();
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(Threads.virtual("run-worker"))) {
            for (T item : items) {
                permits.acquireUninterruptibly();
                pending.add(workers.submit(() -> {
                    try {
                        return work.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        } // close() waits for every task
        List<R> results = new ArrayList<>(pending.size());
        for (Future<R> result : pending) {
            results.add(join(result));
        }
        return results;
    }

    /** The result of work already started: what it threw is thrown as it was when unchecked. */
    static <R> R join(Future<R> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work", e);
        }
    }
}
