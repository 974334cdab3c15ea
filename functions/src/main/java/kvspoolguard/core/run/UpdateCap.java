package kvspoolguard.core.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most updates one run may make: a count, a percent of the fleet, or the smaller of both.
 * A slot is taken before an update is attempted, never after, so concurrent workers cannot
 * overshoot the cap. A sweep reads pools while it still lists them: a percent cap then holds each
 * update until the listing has ended and the fleet's size is known.
 */
public final class UpdateCap {

    private final CompletableFuture<Integer> limit;
    private final AtomicInteger taken = new AtomicInteger();

    private UpdateCap(CompletableFuture<Integer> limit) {
        this.limit = limit;
    }

    /**
     * @param maxCount updates allowed, or null for no count cap
     * @param maxPercent percent of {@code fleetSize} allowed (rounded up), or null for no percent cap
     */
    public static UpdateCap of(Integer maxCount, Integer maxPercent, int fleetSize) {
        return of(maxCount, maxPercent, CompletableFuture.completedFuture(fleetSize));
    }

    /** As {@link #of(Integer, Integer, int)}, for a fleet whose size is known later. */
    public static UpdateCap of(Integer maxCount, Integer maxPercent, CompletionStage<Integer> fleetSize) {
        int count = maxCount == null ? Integer.MAX_VALUE : maxCount;
        if (maxPercent == null) {
            return new UpdateCap(CompletableFuture.completedFuture(count));
        }
        return new UpdateCap(fleetSize.thenApply(size -> Math.min(count, (int) Math.ceil(size * maxPercent / 100.0)))
                .toCompletableFuture());
    }

    /**
     * Takes a slot for one update; false when the cap is reached. Waits for the fleet's size when
     * the cap depends on it, and throws what the listing failed with if it never came.
     */
    public boolean tryTake() {
        int cap = limit();
        return taken.getAndUpdate(n -> n < cap ? n + 1 : n) < cap;
    }

    /** Gives back a slot whose update was not made (deferred on conflict), so it can serve another pool. */
    public void giveBack() {
        taken.decrementAndGet();
    }

    public int limit() {
        try {
            return limit.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
