package kvspoolguard.core.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The slots of a run's {@link UpdateCap}: a slot is taken before an update is attempted, never
 * after, so concurrent workers cannot overshoot the cap. A step reads pools while it still lists
 * them: a percent cap is then a share of the pools listed so far, which only grows, so that no
 * update waits for the listing's end and the cap is the share of the whole once it has ended. A
 * run fanned out over shard steps shares its count across them ({@link RunWide}); its percent is
 * of the whole fleet as the last sweep measured it ({@link #ofSweepStep}), and of the pools each
 * step covers only before any sweep has measured it.
 */
public final class UpdateSlots {

    /** A count cap kept for the whole run, outside any one invocation. */
    public interface RunWide {

        /** Takes one of {@code limit} updates; false when all are taken. */
        boolean take(int limit);

        void giveBack();
    }

    private final UpdateCap cap;
    private final IntSupplier covered;
    private final RunWide runWide;
    private final AtomicInteger taken = new AtomicInteger();

    private UpdateSlots(UpdateCap cap, IntSupplier covered, RunWide runWide) {
        this.cap = cap;
        this.covered = covered;
        this.runWide = runWide;
    }

    /** The slots of {@code cap} for a run over {@code fleetSize} pools. */
    public static UpdateSlots of(UpdateCap cap, int fleetSize) {
        return new UpdateSlots(cap, () -> fleetSize, null);
    }

    /**
     * The slots of one step of a fanned-out run, over the pools it has listed so far
     * ({@code listed}); the count is {@code runWide}'s. For a sweep of a fleet not yet measured.
     */
    public static UpdateSlots ofStep(UpdateCap cap, IntSupplier listed, RunWide runWide) {
        return new UpdateSlots(cap, listed, cap.count() == null ? null : runWide);
    }

    /**
     * The slots of one step of a sweep over a fleet of {@code fleet} pools (as the last sweep
     * measured it): the count and the percent of the whole fleet are one limit, kept for the whole
     * run by {@code runWide}, never a share of one step's pools.
     */
    public static UpdateSlots ofSweepStep(UpdateCap cap, int fleet, RunWide runWide) {
        int limit = cap.limitFor(fleet);
        UpdateCap whole = limit == Integer.MAX_VALUE ? UpdateCap.NONE : new UpdateCap(limit, null);
        return new UpdateSlots(whole, () -> fleet, whole.count() == null ? null : runWide);
    }

    /** Takes a slot for one update; false when the cap is reached. */
    public boolean tryTake() {
        int limit = runWide == null ? limit() : cap.withoutCount().limitFor(covered.getAsInt());
        if (taken.getAndUpdate(n -> n < limit ? n + 1 : n) >= limit) {
            return false;
        }
        if (runWide != null && !runWide.take(cap.count())) {
            taken.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot whose update was not made (deferred on conflict), so it can serve another pool. */
    public void giveBack() {
        taken.decrementAndGet();
        if (runWide != null) {
            runWide.giveBack();
        }
    }

    /** The most updates, as far as the pools covered so far say. */
    public int limit() {
        return cap.limitFor(covered.getAsInt());
    }
}
