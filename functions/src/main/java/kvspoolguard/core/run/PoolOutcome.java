package kvspoolguard.core.run;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.PoolChange;
import kvspoolguard.core.events.PoolRetentionViolation;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;

/**
 * What one run did with one pool: its {@code kind}, the policy's {@code verdict} (null when the pool
 * could not be read), why (a dry-run, the cap, a failure), the pool as read ({@code observed}, null
 * when it could not be) and when the read began, the pool as the Update answered ({@code after},
 * null when no update was made). {@code retryable}: a FAILED outcome whose cause passes
 * (throttling, an outage), so that trying again soon may succeed. Built by name: {@link #of} or
 * {@link #unread}, then {@link #because}, {@link #seen}, {@link #updated}, {@link #markedRetryable}.
 */
public record PoolOutcome(PoolRef pool, Kind kind, Verdict verdict, String reason, Pool observed, Instant observedAt,
                          Pool after, boolean retryable) {

    /** The outcome kinds, from nothing-to-do to failed. */
    public enum Kind {
        COMPLIANT, EXEMPT, ENFORCED, DRY_RUN, DEFERRED, CAP_REACHED, BUDGET_REACHED, HELD, FAILED
    }

    public PoolOutcome {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(kind, "kind");
    }

    /** The pool judged: an exempt or deferred verdict says why itself. */
    public static PoolOutcome of(PoolRef pool, Kind kind, Verdict verdict) {
        String why = switch (verdict) {
            case Verdict.Exempt e -> e.reason();
            case Verdict.Deferred d -> d.reason();
            case Verdict.Compliant c -> null;
            case Verdict.Change c -> null;
        };
        return new PoolOutcome(pool, kind, verdict, why, null, null, null, false);
    }

    /** A pool that could not be read, so was not judged. */
    public static PoolOutcome unread(PoolRef pool, Kind kind, String reason) {
        return new PoolOutcome(pool, kind, null, reason, null, null, null, false);
    }

    public PoolOutcome because(String why) {
        return new PoolOutcome(pool, kind, verdict, why, observed, observedAt, after, retryable);
    }

    /** The pool as read, from {@code readAt}. */
    public PoolOutcome seen(Pool read, Instant readAt) {
        return new PoolOutcome(pool, kind, verdict, reason, read, readAt, after, retryable);
    }

    public PoolOutcome updated(Pool answer) {
        return new PoolOutcome(pool, kind, verdict, reason, observed, observedAt, answer, retryable);
    }

    /** The same failure, whose cause passes. */
    public PoolOutcome markedRetryable() {
        return new PoolOutcome(pool, kind, verdict, reason, observed, observedAt, after, true);
    }

    /** The retention found, when a change was due (null: none set, or no change due). */
    public Integer fromHours() {
        Verdict.Change change = change();
        return change == null ? null : change.fromHours();
    }

    /** The retention the policy wants, when a change was due. */
    public Integer toHours() {
        Verdict.Change change = change();
        return change == null ? null : change.toHours();
    }

    /** The change this outcome made or left due, as events state it. */
    public PoolChange poolChange() {
        return PoolChange.builder().pool(EventPool.of(pool)).fromHours(fromHours()).toHours(toHours()).rule(rule())
                .build();
    }

    /**
     * Why a due change was not made, by the name Pool Retention Violation gives it (a failed update
     * is {@code UPDATE_FAILED} there); null when none was left due.
     */
    public String shortfall() {
        return switch (kind) {
            case DRY_RUN, DEFERRED, CAP_REACHED, BUDGET_REACHED, HELD -> kind.name();
            case FAILED -> "UPDATE_FAILED";
            case COMPLIANT, EXEMPT, ENFORCED -> null;
        };
    }

    /**
     * The violation this outcome leaves the pool in, as recorded with its state ({@code DRY_RUN->720}),
     * or null when the pool is compliant, exempt, fixed, or could not be judged.
     */
    public String violation() {
        String shortfall = shortfall();
        return shortfall == null || toHours() == null ? null : shortfall + "->" + toHours();
    }

    /** Pool Retention Violation: this outcome's change, due and not made. */
    public PoolRetentionViolation violationEvent(String runId, Trigger trigger) {
        var why = new PoolRetentionViolation.Shortfall(observed == null ? null : observed.status(), shortfall(), reason);
        return PoolRetentionViolation.of(new Origin(runId, trigger.triggeredBy()), poolChange(), why);
    }

    /** Where the pool stands with the policy after this outcome, as the compliance summary counts it. */
    public Standing standing() {
        Standing.Kind standing = switch (kind) {
            case COMPLIANT -> Standing.Kind.COMPLIANT;
            case EXEMPT -> Standing.Kind.EXEMPT;
            case ENFORCED -> Standing.Kind.CHANGED;
            case DRY_RUN, DEFERRED, CAP_REACHED, BUDGET_REACHED, HELD -> Standing.Kind.DEFERRED;
            case FAILED -> Standing.Kind.FAILING;
        };
        return new Standing(standing, rule());
    }

    /** The rule that judged the pool (null: exempt, or not judged). */
    public String rule() {
        return switch (verdict) {
            case null -> null;
            case Verdict.Compliant c -> c.rule();
            case Verdict.Change c -> c.rule();
            case Verdict.Deferred d -> d.wanted().rule();
            case Verdict.Exempt e -> null;
        };
    }

    private Verdict.Change change() {
        return switch (verdict) {
            case Verdict.Change c -> c;
            case Verdict.Deferred d -> d.wanted();
            case null, default -> null;
        };
    }
}
