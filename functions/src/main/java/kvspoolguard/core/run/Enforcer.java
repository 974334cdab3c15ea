package kvspoolguard.core.run;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;

/**
 * One enforcement run, as Custodian runs a policy: list the pools, read each, judge it, act on the
 * non-compliant ACTIVE ones. Dry-run stops before acting; the cap is checked before each update.
 * Pools are handled concurrently, at most {@code concurrency} at a time; one pool's failure is its
 * own outcome and never stops the others.
 */
public final class Enforcer {

    private final PoolDirectory directory;
    private final int concurrency;
    private final Clock clock;

    public Enforcer(PoolDirectory directory, int concurrency, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.directory = directory;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** A sweep of every pool the directory lists. */
    public RunReport sweep(RetentionPolicy policy, RunOptions options) {
        return sweep(policy, options, RunListener.NONE);
    }

    /**
     * A sweep that tells {@code listener} what it does with each pool, as it does it. Pools are read
     * as their page of the listing comes, while the next pages are listed. If the listing fails, the
     * pools already started are handled to the end, then the failure is thrown.
     */
    public RunReport sweep(RetentionPolicy policy, RunOptions options, RunListener listener) {
        Run run = new Run(options, listener, clock.instant());
        try (PoolListing listing = PoolListing.start(directory, listener::listed)) {
            BlastRadius cap = BlastRadius.of(options.maxUpdates(), options.maxUpdatesPercent(), listing.size());
            return enforce(listing, cap, policy, run);
        }
    }

    /** A run over the given pools only (a state-change event, an API request). */
    public RunReport enforce(List<PoolRef> pools, RetentionPolicy policy, RunOptions options) {
        return enforce(pools, policy, options, RunListener.NONE);
    }

    /** As {@link #enforce(List, RetentionPolicy, RunOptions)}, telling {@code listener} as it goes. */
    public RunReport enforce(List<PoolRef> pools, RetentionPolicy policy, RunOptions options, RunListener listener) {
        return enforce(pools, policy, new Run(options, listener, clock.instant()));
    }

    private record Run(RunOptions options, RunListener listener, Instant started) {
    }

    private RunReport enforce(List<PoolRef> pools, RetentionPolicy policy, Run run) {
        RunOptions options = run.options();
        return enforce(pools, BlastRadius.of(options.maxUpdates(), options.maxUpdatesPercent(), pools.size()),
                policy, run);
    }

    private RunReport enforce(Iterable<PoolRef> pools, BlastRadius cap, RetentionPolicy policy, Run run) {
        RunOptions options = run.options();
        List<PoolOutcome> outcomes = Workers.map(pools, concurrency, ref -> enforceOne(ref, policy, run, cap));
        return new RunReport(options.runId(), run.started(), clock.instant(), options.dryRun(), policy.source(),
                policy.version(), cap.limit(), outcomes);
    }

    /** A bug in one pool's handling must not lose the other pools' outcomes: it becomes this pool's failure. */
    private PoolOutcome enforceOne(PoolRef ref, RetentionPolicy policy, Run run, BlastRadius cap) {
        Instant readAt = clock.instant();
        try {
            PoolOutcome outcome = judge(policy, new Step(run, ref, readAt), cap).seenAt(readAt);
            run.listener().outcome(outcome);
            return outcome;
        } catch (RuntimeException e) {
            return PoolOutcome.unreadable(ref, PoolOutcome.Kind.FAILED, "unexpected error: " + e);
        }
    }

    /** One pool's handling within a run: which pool, and when its read began. */
    private record Step(Run run, PoolRef ref, Instant readAt) {
    }

    private PoolOutcome judge(RetentionPolicy policy, Step step, BlastRadius cap) {
        PoolRef ref = step.ref();
        Pool pool;
        try {
            pool = directory.describe(ref, policy.needsTags());
        } catch (PoolDirectoryException e) {
            return e.kind() == PoolDirectoryException.Kind.NOT_FOUND
                    ? PoolOutcome.unreadable(ref, PoolOutcome.Kind.DEFERRED, "pool no longer exists")
                    : failed(PoolOutcome.unreadable(ref, PoolOutcome.Kind.FAILED, describe(e)), e);
        }
        PoolRef known = PoolRef.of(pool); // a pool asked for by name is known by its ARN from here on
        Verdict verdict = policy.verdictFor(pool);
        return switch (verdict) {
            case Verdict.Compliant c -> PoolOutcome.of(known, PoolOutcome.Kind.COMPLIANT, c, null, pool);
            case Verdict.Exempt e -> PoolOutcome.of(known, PoolOutcome.Kind.EXEMPT, e, null, pool);
            case Verdict.Deferred d -> PoolOutcome.of(known, PoolOutcome.Kind.DEFERRED, d, null, pool);
            case Verdict.Change c -> change(pool, c, new Step(step.run(), known, step.readAt()), cap);
        };
    }

    private PoolOutcome change(Pool pool, Verdict.Change change, Step step, BlastRadius cap) {
        PoolRef ref = step.ref();
        if (step.run().options().dryRun()) {
            return PoolOutcome.of(ref, PoolOutcome.Kind.DRY_RUN, change, "dry-run", pool);
        }
        if (!cap.tryTake()) {
            return PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change,
                    "update cap of " + cap.limit() + " reached", pool);
        }
        PoolOutcome intended = PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change, null, pool);
        try {
            step.run().listener().beforeUpdate(intended, step.readAt());
            return intended.updated(directory.updateRetention(ref, change.toHours()));
        } catch (PoolDirectoryException e) {
            if (e.kind() == PoolDirectoryException.Kind.CONFLICT) {
                cap.giveBack(); // nothing was changed
                return PoolOutcome.of(ref, PoolOutcome.Kind.DEFERRED, change, "conflict: " + e.getMessage(), pool);
            }
            return failed(PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change, "update failed: " + describe(e), pool),
                    e);
        }
    }

    private static PoolOutcome failed(PoolOutcome outcome, PoolDirectoryException cause) {
        boolean passes = cause.kind() == PoolDirectoryException.Kind.THROTTLED
                || cause.kind() == PoolDirectoryException.Kind.UNAVAILABLE;
        return passes ? outcome.passing() : outcome;
    }

    private static String describe(PoolDirectoryException e) {
        return e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
    }
}
