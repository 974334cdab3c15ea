package kvspoolguard.core.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slots of a run's {@link UpdateCap}: a slot is taken before an update is attempted, never
 * after, so concurrent workers cannot overshoot the cap. A sweep reads pools while it still lists
 * them: a percent cap then holds each update until the listing has ended and the fleet's size is
 * known.
 */
public final class UpdateSlots {

    private final CompletableFuture<Integer> limit;
    private final AtomicInteger taken = new AtomicInteger();

    private UpdateSlots(CompletableFuture<Integer> limit) {
        this.limit = limit;
    }

    /** The slots of {@code cap} for a run over {@code fleetSize} pools. */
    public static UpdateSlots of(UpdateCap cap, int fleetSize) {
        return of(cap, CompletableFuture.completedFuture(fleetSize));
    }

    /** As {@link #of(UpdateCap, int)}, for a fleet whose size is known later. */
    public static UpdateSlots of(UpdateCap cap, CompletionStage<Integer> fleetSize) {
        if (!cap.needsFleetSize()) {
            return new UpdateSlots(CompletableFuture.completedFuture(cap.limitFor(0)));
        }
        return new UpdateSlots(fleetSize.thenApply(cap::limitFor).toCompletableFuture());
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
