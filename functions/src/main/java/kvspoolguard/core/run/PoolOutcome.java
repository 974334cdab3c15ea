package kvspoolguard.core.run;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;

/**
 * What one run did with one pool. {@code fromHours}/{@code toHours} are set when a change was due;
 * {@code observed} is the pool as read (null when it could not be read) and {@code observedAt} when
 * the read began, {@code after} the pool as the Update answered (null when no update was made).
 * {@code retryable}: a FAILED outcome whose cause passes (throttling, an outage), so that trying
 * again soon may succeed.
 */
public record PoolOutcome(PoolRef pool, Kind kind, Integer fromHours, Integer toHours, String rule, String reason,
                          Pool observed, Pool after, Instant observedAt, boolean retryable) {

    /** The outcome kinds, from nothing-to-do to failed. */
    public enum Kind {
        COMPLIANT, EXEMPT, ENFORCED, DRY_RUN, DEFERRED, CAP_REACHED, FAILED
    }

    public PoolOutcome {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(kind, "kind");
    }

    static PoolOutcome of(PoolRef pool, Kind kind, Verdict verdict, String reason, Pool observed) {
        return switch (verdict) {
            case Verdict.Compliant c -> new PoolOutcome(pool, kind, null, null, c.rule(), reason, observed, null, null,
                    false);
            case Verdict.Exempt e -> new PoolOutcome(pool, kind, null, null, null, e.reason(), observed, null, null,
                    false);
            case Verdict.Change c -> new PoolOutcome(pool, kind, c.fromHours(), c.toHours(), c.rule(), reason,
                    observed, null, null, false);
            case Verdict.Deferred d -> new PoolOutcome(pool, kind, d.wanted().fromHours(), d.wanted().toHours(),
                    d.wanted().rule(), d.reason(), observed, null, null, false);
        };
    }

    PoolOutcome updated(Pool answer) {
        return new PoolOutcome(pool, kind, fromHours, toHours, rule, reason, observed, answer, observedAt, retryable);
    }

    PoolOutcome seenAt(Instant readAt) {
        return new PoolOutcome(pool, kind, fromHours, toHours, rule, reason, observed, after, readAt, retryable);
    }

    static PoolOutcome unreadable(PoolRef pool, Kind kind, String reason) {
        return new PoolOutcome(pool, kind, null, null, null, reason, null, null, null, false);
    }

    /** The same outcome, marked as a failure that passes. */
    PoolOutcome passing() {
        return new PoolOutcome(pool, kind, fromHours, toHours, rule, reason, observed, after, observedAt, true);
    }
}
