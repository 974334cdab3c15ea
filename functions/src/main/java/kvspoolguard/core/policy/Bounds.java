package kvspoolguard.core.policy;

/**
 * What a rule allows: an exact {@code targetHours}, or a range clamped by {@code minHours} and/or
 * {@code maxHours}. Null means "not set". Checked on construction: a contradictory rule cannot exist.
 */
public record Bounds(Integer minHours, Integer maxHours, Integer targetHours) {

    /** KVS keeps data at most ten years; Update needs at least one hour. */
    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 87_600;

    public Bounds {
        inRange("minHours", minHours);
        inRange("maxHours", maxHours);
        inRange("targetHours", targetHours);
        if (targetHours != null && (minHours != null || maxHours != null)) {
            throw new InvalidPolicyException("targetHours cannot be combined with minHours or maxHours");
        }
        if (minHours == null && maxHours == null && targetHours == null) {
            throw new InvalidPolicyException("a rule needs minHours, maxHours or targetHours");
        }
        if (minHours != null && maxHours != null && minHours > maxHours) {
            throw new InvalidPolicyException("minHours " + minHours + " is greater than maxHours " + maxHours);
        }
    }

    public static Bounds between(int minHours, int maxHours) {
        return new Bounds(minHours, maxHours, null);
    }

    public static Bounds exactly(int targetHours) {
        return new Bounds(null, null, targetHours);
    }

    /**
     * The retention a pool with {@code currentHours} (null: none set, read as 0) must have under these
     * bounds; equal to the current value when it complies.
     */
    public int requiredFor(Integer currentHours) {
        if (targetHours != null) {
            return targetHours;
        }
        int current = currentHours == null ? 0 : currentHours;
        if (minHours != null && current < minHours) {
            return minHours;
        }
        if (maxHours != null && current > maxHours) {
            return maxHours;
        }
        return current; // within bounds, including 0 (nothing kept) under an upper bound only
    }

    /** True when every retention these bounds allow is one {@code limits} allows too. */
    public boolean within(Bounds limits) {
        int low = targetHours != null ? targetHours : minHours != null ? minHours : MIN_HOURS;
        int high = targetHours != null ? targetHours : maxHours != null ? maxHours : MAX_HOURS;
        return low >= (limits.minHours() != null ? limits.minHours() : MIN_HOURS)
                && high <= (limits.maxHours() != null ? limits.maxHours() : MAX_HOURS);
    }

    /** "24..720 hours", "at least 24 hours", "exactly 168 hours": for messages and reports. */
    public String describe() {
        if (targetHours != null) {
            return "exactly " + targetHours + " hours";
        }
        if (minHours != null && maxHours != null) {
            return minHours + ".." + maxHours + " hours";
        }
        return minHours != null ? "at least " + minHours + " hours" : "at most " + maxHours + " hours";
    }

    private static void inRange(String name, Integer hours) {
        if (hours != null && (hours < MIN_HOURS || hours > MAX_HOURS)) {
            throw new InvalidPolicyException(name + " must be within " + MIN_HOURS + ".." + MAX_HOURS + ", got " + hours);
        }
    }
}
