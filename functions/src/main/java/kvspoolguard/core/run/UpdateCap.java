package kvspoolguard.core.run;

/**
 * The most updates one run may make (MAX_UPDATES_PER_RUN): a {@code count}, a {@code percent} of
 * the pools the run covers (rounded up), both (the smaller wins), or neither (null parts).
 */
public record UpdateCap(Integer count, Integer percent) {

    public static final UpdateCap NONE = new UpdateCap(null, null);

    public UpdateCap {
        if (count != null && count < 0) {
            throw new IllegalArgumentException("an update cap's count must be 0 or more, got " + count);
        }
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("an update cap's percent must be within 0..100, got " + percent);
        }
    }

    /** The cap for a run over {@code pools} pools; {@link Integer#MAX_VALUE} when there is none. */
    public int limitFor(int pools) {
        int limit = count == null ? Integer.MAX_VALUE : count;
        return percent == null ? limit : Math.min(limit, (int) Math.ceil(pools * percent / 100.0));
    }

    /** This cap's percent alone (the count is kept elsewhere, for a whole fanned-out run). */
    UpdateCap withoutCount() {
        return new UpdateCap(null, percent);
    }
}
