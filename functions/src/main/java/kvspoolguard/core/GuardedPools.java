package kvspoolguard.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Predicate;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolChange;
import kvspoolguard.core.events.PoolRetentionChanged;
import kvspoolguard.core.history.HistoryException;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Rule;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.PoolRead;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.RetentionUpdate;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.RecordPage;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.UnreadableRecordException;

/**
 * The API's use cases: the pools, each read with the policy's verdict (through
 * {@link PoolVerdicts}, the read-only use case), their history and compliance, and changed by a
 * caller only within the policy. A change goes the one way every change goes ({@link RetentionUpdate}):
 * recorded before it is made, so the aws.chime Updated event it causes is no drift, and reported
 * as Pool Retention Changed with who made it. Every use case reads the policy first and fails
 * closed; every failure comes back as a {@link Problem}, never thrown.
 */
public final class GuardedPools {

    private final PoolVerdicts verdicts;
    private final PoolDirectory pools;
    private final Recording recording;
    private final PoolStateTracker tracker;
    private final Clock clock;

    /** Reads through {@code verdicts}, and records what a change saw and reports through {@code recording}. */
    public GuardedPools(PoolVerdicts verdicts, Recording recording, Clock clock) {
        this.verdicts = verdicts;
        this.pools = verdicts.fleet().pools();
        this.recording = recording;
        this.tracker = new PoolStateTracker(recording.state(), clock);
        this.clock = clock;
    }

    /** The policy in force, with its version as met (what it would change, whether it is held, who approved it). */
    public Answer<PolicyStanding> policy() {
        return switch (verdicts.policy()) {
            case Answer.Refused<RetentionPolicy> refused -> new Answer.Refused<>(refused.problem());
            case Answer.Done<RetentionPolicy> done -> {
                String digest = PolicyDocument.digest(done.value());
                try {
                    yield new Answer.Done<>(new PolicyStanding(done.value(), digest,
                            recording.versions().read(digest).filter(PolicyVersion::met).orElse(null)));
                } catch (StateStoreException e) {
                    yield new Answer.Refused<>(new Problem.RecordsUnavailable(e.getMessage()));
                }
            }
        };
    }

    /**
     * Approves the decreases of the policy in force, when it is the version and the digest the
     * operator reviewed: a version no run has met yet is recorded approved, so that it is never held.
     */
    public Answer<PolicyVersion> approve(PolicyApproval approval) {
        return switch (verdicts.policy()) {
            case Answer.Refused<RetentionPolicy> refused -> new Answer.Refused<>(refused.problem());
            case Answer.Done<RetentionPolicy> done -> {
                RetentionPolicy policy = done.value();
                String digest = PolicyDocument.digest(policy);
                if (!digest.equals(approval.digest()) || !Objects.equals(policy.version(), approval.version())) {
                    yield new Answer.Refused<>(new Problem.PolicyMismatch("the policy in force is version "
                            + policy.version() + ", digest " + digest + ": GET /policy, review it, and approve that"));
                }
                try {
                    yield new Answer.Done<>(recording.versions().approve(digest, policy.version(),
                            new PolicyVersion.Approval(approval.caller().principal(), clock.instant())));
                } catch (StateStoreException e) {
                    yield new Answer.Refused<>(new Problem.RecordsUnavailable(e.getMessage()));
                }
            }
        };
    }

    /** One page of the pools of the shards {@code only} accepts, each judged ({@link PoolVerdicts#page}). */
    public Answer<PoolVerdicts.Listing> page(ShardFilter only, String token, int limit) {
        return verdicts.page(only, token, limit);
    }

    /**
     * The pool's history, newest first: each event the guard put on the bus about it, kept for the
     * history's retention, the page {@code query} asks for. It needs no policy and no read of the pool,
     * so a deleted pool's history is there too.
     */
    public Answer<HistoryPage> history(PoolRef ref, HistoryQuery query) {
        try {
            return new Answer.Done<>(recording.archive().history().page(ref, query));
        } catch (HistoryException e) {
            return new Answer.Refused<>(e.kind() == HistoryException.Kind.BAD_TOKEN
                    ? new Problem.TokenRejected(e.getMessage()) : new Problem.HistoryUnavailable(e.getMessage()));
        }
    }

    /**
     * The compliance of the pools of the shards {@code counted} accepts, from the state alone: no
     * pool is read and no policy is needed. At most {@code limit} records are read, after the pool
     * {@code after} (null: from the first); the answer says where the next page starts.
     */
    public Answer<Compliance> compliance(Predicate<Shard> counted, String after, int limit) {
        RecordPage page;
        try {
            page = recording.state().records(after, limit);
        } catch (StateStoreException e) {
            return new Answer.Refused<>(new Problem.RecordsUnavailable(e.getMessage()));
        }
        return new Answer.Done<>(Compliance.of(page, counted));
    }

    /** One pool and its verdict. */
    public Answer<PoolVerdicts.Judged> inspect(PoolRef ref) {
        return verdicts.inspect(ref);
    }

    /**
     * Sets the pool's retention to {@code hours} if its rule allows that value (when the pool is
     * exempt, any value within the policy's limits) and the pool is ACTIVE. The value is checked against the policy before the
     * pool's status, since a value outside the policy stays refused whatever the status.
     */
    public RetentionChange changeRetention(RetentionRequest request, Trigger trigger) {
        Asked asked = new Asked(request, trigger, clock.instant());
        return switch (verdicts.inspect(request.pool(), (judged, under) -> change(judged, under, asked))) {
            case Answer.Done<RetentionChange> done -> done.value();
            case Answer.Refused<RetentionChange> refused -> new RetentionChange.Refused(refused.problem(), null);
        };
    }

    /** A request as this use case took it: by which trigger, and when it began to read the pool. */
    private record Asked(RetentionRequest request, Trigger trigger, Instant readAt) {
    }

    private RetentionChange change(PoolVerdicts.Judged judged, PoolVerdicts.Under under, Asked asked) {
        RetentionPolicy policy = under.policy();
        int hours = asked.request().hours();
        Instant readAt = asked.readAt();
        Trigger trigger = asked.trigger();
        Pool pool = judged.pool();
        Verdict verdict = judged.verdict();
        boolean exempt = policy.exemptByTag(pool) || policy.listedFor(pool, under.judging().at()) != null;
        RetentionPolicy.Governing governing = policy.bindingRule(pool, under.judging());
        if (governing.undecided() != null) { // the pool's rule is not known: no value can be checked against it
            return new RetentionChange.Refused(new Problem.PolicyUnavailable(governing.undecided()), null);
        }
        Rule rule = governing.rule(); // an exempt pool's: the limits, if any
        if (rule != null && rule.bounds().requiredFor(hours) != hours) {
            return new RetentionChange.Refused(new Problem.OutsidePolicy(hours + " hours is outside the policy for "
                    + "pool " + pool.name() + ": rule '" + rule.name() + "' allows " + rule.bounds().describe()), null);
        }
        if (pool.status() != PoolStatus.ACTIVE) {
            return new RetentionChange.Refused(new Problem.PoolNotActive("pool " + pool.name() + " is "
                    + pool.status() + "; its retention can change only when it is ACTIVE"), null);
        }
        Recorder recorder = recording.recorder(trigger, tracker, clock);
        if (Objects.equals(pool.retentionHours(), hours)) {
            recorder.observe(Observation.of(pool, readAt));
            return new RetentionChange.Unchanged(new PoolVerdicts.Judged(pool, verdict), recorder.publish());
        }
        String ruleName = exempt ? null : rule.name();
        // within policy by construction: compliant with its rule, or exempt (and within the limits)
        Standing after = new Standing(exempt ? Standing.Kind.EXEMPT : Standing.Kind.COMPLIANT, ruleName);
        PoolChange change = PoolChange.builder().pool(EventPool.of(PoolRef.of(pool))).fromHours(pool.retentionHours())
                .toHours(hours).rule(ruleName).build();
        var target = new RetentionUpdate.Target(hours, after, at -> new GuardEvent(at, PoolRetentionChanged.builder(
                change, trigger.triggeredBy()).changedBy(asked.request().caller()).changedAt(at).build()),
                policy.exemptionOf(pool, under.judging().at()));
        DecreaseBudget.Draw draw = recording.decreases().draw(pool.retentionHours(), hours, clock.instant());
        try {
            if (!draw.take()) {
                return new RetentionChange.Refused(new Problem.BudgetSpent(draw.spent() + ": " + pool.name()
                        + " keeps " + pool.retentionHours() + " hours", secondsToNextDay(draw.at())), null);
            }
        } catch (StateStoreException e) {
            return new RetentionChange.Refused(new Problem.RecordsUnavailable(e.getMessage()), null);
        }
        RetentionUpdate.Result result;
        try {
            result = new RetentionUpdate(pools, recorder, clock).apply(new PoolRead(pool, readAt), target);
        } catch (UnreadableRecordException e) {
            draw.giveBack(); // the pool's record does not decode: no Update was sent
            throw e;
        }
        return switch (result) {
            case RetentionUpdate.Result.Made made -> new RetentionChange.Changed(
                    PoolVerdicts.judge(made.answer().withTags(pool.tags()), under), recorder.publish());
            case RetentionUpdate.Result.NotMade notMade -> {
                if (RetentionUpdate.surelyNotMade(notMade.cause())) {
                    draw.giveBack(); // nothing was changed
                }
                yield new RetentionChange.Refused(Problem.of(notMade.cause()), recorder.publish());
            }
        };
    }

    private static long secondsToNextDay(Instant at) {
        Instant next = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Duration.between(at, next).toSeconds();
    }
}
