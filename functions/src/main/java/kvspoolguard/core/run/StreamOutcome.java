package kvspoolguard.core.run;

import java.util.Objects;

/**
 * What a run did with one stream of a pool: its {@code kind}, the retention found and due, and why
 * (a dry run, the cap, a failure). {@code stream} is null for an outcome about all of a pool's
 * streams (they could not be read, or their region is not governed). {@code retryable}: a FAILED
 * outcome whose cause passes (throttling, an outage).
 */
public record StreamOutcome(String pool, String stream, Kind kind, Integer fromHours, Integer toHours, String reason,
                            boolean retryable) {

    /** The outcome kinds, from done to failed. */
    public enum Kind {
        /** Set to its pool's retention. */
        CORRECTED,
        /** Differs from its exempt pool: reported, never changed. */
        EXEMPT,
        DRY_RUN, CAP_REACHED, BUDGET_REACHED, HELD,
        /** Changed again while being corrected, twice: left for the next run. */
        DEFERRED,
        FAILED
    }

    public StreamOutcome {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(kind, "kind");
    }

    /** The same failure, whose cause passes. */
    StreamOutcome markedRetryable() {
        return new StreamOutcome(pool, stream, kind, fromHours, toHours, reason, true);
    }

    /** All of a pool's streams failed: unread, or in a region not governed. */
    static StreamOutcome failedPool(String pool, String reason, boolean retryable) {
        return new StreamOutcome(pool, null, Kind.FAILED, null, null, reason, retryable);
    }
}
