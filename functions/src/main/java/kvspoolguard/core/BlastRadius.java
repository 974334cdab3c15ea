package kvspoolguard.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most updates one run may make: a count, a percent of the fleet, or the smaller of both.
 * A slot is taken before an update is attempted, never after, so concurrent workers cannot
 * overshoot the cap.
 */
public final class BlastRadius {

    private final int limit;
    private final AtomicInteger taken = new AtomicInteger();

    private BlastRadius(int limit) {
        this.limit = limit;
    }

    /**
     * @param maxCount updates allowed, or null for no count cap
     * @param maxPercent percent of {@code fleetSize} allowed (rounded up), or null for no percent cap
     */
    public static BlastRadius of(Integer maxCount, Integer maxPercent, int fleetSize) {
        int limit = Integer.MAX_VALUE;
        if (maxCount != null) {
            limit = Math.min(limit, maxCount);
        }
        if (maxPercent != null) {
            limit = Math.min(limit, (int) Math.ceil(fleetSize * maxPercent / 100.0));
        }
        return new BlastRadius(limit);
    }

    public static BlastRadius unlimited() {
        return new BlastRadius(Integer.MAX_VALUE);
    }

    /** Takes a slot for one update; false when the cap is reached. */
    public boolean tryTake() {
        return taken.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
    }

    /** Gives back a slot whose update was not made (deferred on conflict), so it can serve another pool. */
    public void giveBack() {
        taken.decrementAndGet();
    }

    public int limit() {
        return limit;
    }
}
