package kvspoolguard.core.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolRetentionEnforced;
import kvspoolguard.core.policy.Judging;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.UnreadableRecordException;
import kvspoolguard.core.stream.StreamDirectory;

/**
 * One enforcement run, as Custodian runs a policy: list the pools, read each, judge it, act on the
 * non-compliant ACTIVE ones through {@link RetentionUpdate}, record the outcome; then bring the
 * streams of each pool found within the policy to its retention ({@link StreamPass}). Dry-run stops
 * before acting; the cap is checked before each update, of a pool or of a stream. Pools are handled concurrently, at most
 * {@code concurrency} at a time; one pool's failure is its own outcome and never stops the others.
 */
public final class Enforcer {

    private final PoolDirectory directory;
    private final StreamDirectory streams;
    private final StreamPass streamPass;
    private final int concurrency;
    private final Clock clock;

    /** What a run reads and changes: the pools, and their streams. */
    public record Directories(PoolDirectory pools, StreamDirectory streams) {
    }

    /** An enforcer of the pools' settings alone: their streams are not read. */
    public Enforcer(PoolDirectory directory, int concurrency, Clock clock) {
        this(new Directories(directory, StreamDirectory.NONE), concurrency, clock);
    }

    public Enforcer(Directories directories, int concurrency, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.directory = directories.pools();
        this.streams = directories.streams();
        this.streamPass = new StreamPass(streams, directory, clock);
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** What one run works with: its terms, how it updates, its cap, how it reads streams and what it did with them. */
    private record Run(RunTerms terms, RetentionUpdate update, UpdateSlots cap, StreamReads reads,
                       List<StreamOutcome> streams, StreamCall call) {

        RunOptions options() {
            return terms.options();
        }

        Recorder recorder() {
            return terms.recorder();
        }

        RetentionPolicy policy() {
            return terms.policy();
        }
    }

    /** What one step of a shard's sweep did, and the page the shard's next step starts from (null: none). */
    public record StepReport(RunReport report, String nextPage) {
    }

    /**
     * How far a step goes: until {@code stop} says time runs low, under the run-wide cap
     * {@code runWide}, its percent of {@code fleet} (empty: not yet measured; then of the step's pools).
     */
    public record StepLimits(BooleanSupplier stop, UpdateSlots.RunWide runWide, OptionalInt fleet) {
    }

    /**
     * One step of a shard's sweep: the pools listed from the step's page on, until the shard's last
     * page or until the limits' {@code stop} says time runs low. Pools are read as their page of the listing
     * comes, while the next page is listed. A listing failure is the report's failed shard, after the
     * pools listed before it were handled. A percent cap applies to the pools the step lists; a
     * count cap is {@code runWide}'s.
     */
    public StepReport step(ShardStep step, RunTerms terms, StepLimits limits) {
        try (PoolListing listing = PoolListing.start(directory, step, new PoolListing.Watch(limits.stop(),
                terms.recorder()::listed))) {
            UpdateCap asked = terms.options().cap();
            UpdateSlots cap = limits.fleet().isPresent() ? UpdateSlots.ofSweepStep(asked, limits.fleet().getAsInt(),
                    limits.runWide()) : UpdateSlots.ofStep(asked, listing::listed, limits.runWide());
            RunReport report = enforce(listing, new Run(terms, update(terms.recorder()), cap,
                            StreamReads.perShard(streams), outcomes(), null),
                    () -> listing.failure() == null ? List.of() : List.of(listing.failure()));
            return new StepReport(report, listing.resumeToken());
        }
    }

    /** A run over the given pools only (a state-change event, an API request). */
    public RunReport enforce(List<PoolRef> pools, RunTerms terms) {
        return enforce(pools, terms, null);
    }

    /**
     * A run over the given pools, answering CloudTrail's record of a call on one of their streams
     * ({@code call}, null: none): the stream's drift names who made the call.
     */
    public RunReport enforce(List<PoolRef> pools, RunTerms terms, StreamCall call) {
        UpdateSlots cap = UpdateSlots.of(terms.options().cap(), pools.size());
        return enforce(pools, new Run(terms, update(terms.recorder()), cap, StreamReads.perPool(streams),
                outcomes(), call), List::of);
    }

    /** A run's streams' outcomes, added to by its pools' workers. */
    private static List<StreamOutcome> outcomes() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    private RetentionUpdate update(Recorder recorder) {
        return new RetentionUpdate(directory, recorder, clock);
    }

    private RunReport enforce(Iterable<PoolRef> pools, Run run, Supplier<List<ShardFailure>> failedShards) {
        Instant started = clock.instant();
        List<PoolOutcome> outcomes = Workers.map(pools, concurrency, ref -> enforceOne(ref, run));
        return RunReport.builder(run.options().runId(), started).finishedAt(clock.instant())
                .dryRun(run.options().dryRun()).policySource(run.policy().source()).policyVersion(run.policy().version())
                .updateCap(run.cap().limit()).outcomes(outcomes).streams(List.copyOf(run.streams()))
                .failedShards(failedShards.get()).build();
    }

    /**
     * One pool, top-down: read, judge, act, record, let its events go; then its streams. A bug in
     * one pool's handling must not lose the other pools' outcomes: it becomes this pool's failure.
     */
    private PoolOutcome enforceOne(PoolRef ref, Run run) {
        Instant readAt = clock.instant();
        try {
            PoolOutcome outcome = judge(ref, readAt, run);
            run.recorder().outcome(outcome, run.options().runId());
            if (outcome.observed() != null) {
                run.recorder().done(outcome.observed().arn());
            }
            run.streams().addAll(streams(outcome, run));
            return outcome;
        } catch (UnreadableRecordException e) {
            // the pool's record does not decode: this pool fails, the others go on
            return PoolOutcome.unread(ref, PoolOutcome.Kind.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            return PoolOutcome.unread(ref, PoolOutcome.Kind.FAILED, "unexpected error: " + e);
        }
    }

    /** The pool's streams: what goes wrong with them is theirs, and never changes the pool's outcome. */
    private List<StreamOutcome> streams(PoolOutcome outcome, Run run) {
        try {
            return streamPass.govern(outcome, new StreamPass.Pass(run.terms(), run.cap(), run.reads(), run.call()));
        } catch (RuntimeException e) {
            return List.of(StreamOutcome.failedPool(outcome.observed().arn(), "its streams: unexpected error: " + e,
                    false));
        }
    }

    private PoolOutcome judge(PoolRef ref, Instant readAt, Run run) {
        Pool pool;
        try {
            pool = directory.describe(ref, run.policy().needsTags());
        } catch (PoolDirectoryException e) {
            return e.kind() == PoolDirectoryException.Kind.NOT_FOUND
                    ? PoolOutcome.unread(ref, PoolOutcome.Kind.DEFERRED, "pool no longer exists")
                    : failed(PoolOutcome.unread(ref, PoolOutcome.Kind.FAILED, describe(e)), e);
        }
        PoolRef known = PoolRef.of(pool); // a pool asked for by name is known by its ARN from here on
        PoolOutcome outcome = switch (run.policy().verdictFor(pool, new Judging(run.terms().places(), readAt))) {
            case Verdict.Compliant c -> PoolOutcome.of(known, PoolOutcome.Kind.COMPLIANT, c);
            case Verdict.Exempt e -> PoolOutcome.of(known, PoolOutcome.Kind.EXEMPT, e);
            case Verdict.Deferred d -> PoolOutcome.of(known, PoolOutcome.Kind.DEFERRED, d);
            case Verdict.Change c -> change(new PoolRead(pool, readAt), c, run);
        };
        return outcome.seen(pool, readAt);
    }

    /** The outcome of a change due, without the sight of the pool (the caller adds it). */
    private PoolOutcome change(PoolRead read, Verdict.Change change, Run run) {
        Pool pool = read.pool();
        PoolRef ref = PoolRef.of(pool);
        if (run.options().dryRun()) {
            return PoolOutcome.of(ref, PoolOutcome.Kind.DRY_RUN, change).because("dry-run");
        }
        if (change.decreases() && run.terms().held() != null) {
            return PoolOutcome.of(ref, PoolOutcome.Kind.HELD, change).because(run.terms().held());
        }
        if (!run.cap().tryTake()) {
            return PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change)
                    .because("update cap of " + run.cap().limit() + " reached");
        }
        DecreaseBudget.Draw decrease = run.terms().decreases().draw(change.fromHours(), change.toHours(),
                clock.instant());
        boolean drawn;
        try {
            drawn = decrease.take();
        } catch (StateStoreException e) {
            run.cap().giveBack();
            return PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change)
                    .because("the decrease budget could not be read: " + e.getMessage()).markedRetryable();
        }
        if (!drawn) {
            run.cap().giveBack(); // an increase may have it
            return PoolOutcome.of(ref, PoolOutcome.Kind.BUDGET_REACHED, change).because(decrease.spent());
        }
        PoolOutcome due = PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change);
        String runId = run.options().runId();
        Trigger trigger = run.recorder().trigger();
        RetentionUpdate.Result result;
        try {
            // a pool exempt by its tag and past the limits stays exempt, brought within them
            result = run.update().apply(read, new RetentionUpdate.Target(change.toHours(), due.standing(),
                    at -> new GuardEvent(at, PoolRetentionEnforced.of(runId, due.poolChange(), trigger.triggeredBy())),
                    run.policy().exemptionOf(pool, read.at())));
        } catch (UnreadableRecordException e) {
            run.cap().giveBack(); // set aside before its update was tried
            decrease.giveBack();
            throw e;
        }
        return switch (result) {
            case RetentionUpdate.Result.Made made -> due.updated(made.answer());
            case RetentionUpdate.Result.NotMade notMade when notMade.cause().kind()
                    == PoolDirectoryException.Kind.CONFLICT -> {
                run.cap().giveBack(); // nothing was changed
                decrease.giveBack();
                yield PoolOutcome.of(ref, PoolOutcome.Kind.DEFERRED, change)
                        .because("conflict: " + notMade.cause().getMessage());
            }
            case RetentionUpdate.Result.NotMade notMade -> {
                if (RetentionUpdate.surelyNotMade(notMade.cause())) {
                    decrease.giveBack(); // no audio deleted: a retry must not spend the day's budget again
                }
                yield failed(PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change)
                        .because("update failed: " + describe(notMade.cause())), notMade.cause());
            }
        };
    }

    private static PoolOutcome failed(PoolOutcome outcome, PoolDirectoryException cause) {
        boolean passes = cause.kind() == PoolDirectoryException.Kind.THROTTLED
                || cause.kind() == PoolDirectoryException.Kind.UNAVAILABLE;
        return passes ? outcome.markedRetryable() : outcome;
    }

    private static String describe(PoolDirectoryException e) {
        return e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
    }
}
