package kvspoolguard.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import kvspoolguard.core.events.EnforcementRunCompleted;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.ShardFailed;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.Enforcer;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.RunTerms;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.ShardProgress;
import kvspoolguard.core.run.ShardQueueException;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.StepTaken;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStoreException;

/**
 * Sweeps fanned out over shards. The planner opens the run's record and queues each governed
 * shard's first step; a worker takes one step, records it with its counts, and queues the shard's
 * next step or, when the shard ended, completes the run if it was the last shard. Each write that
 * moves a run on is conditional, and each step is recorded before what follows it is sent: a step
 * delivered again is not taken again, but finishes what its first delivery may have left undone
 * (the next step queued, the run's completion published).
 */
public final class ShardedRuns {

    private final Ports ports;
    private final Enforcer enforcer;
    private final PoolStateTracker tracker;
    private final Clock clock;
    private final PolicyGate gate;

    /** {@code concurrency}: how many pools a step reads and judges at once. */
    public ShardedRuns(Ports ports, int concurrency, Clock clock) {
        this.ports = ports;
        this.enforcer = new Enforcer(new Enforcer.Directories(ports.fleet().pools(),
                ports.fleet().streams()), concurrency, clock);
        this.tracker = new PoolStateTracker(ports.recording().state(), clock);
        this.clock = clock;
        this.gate = new PolicyGate(ports, clock);
    }

    /**
     * Plans a sweep of every pool (the schedule, or a run requested through the API): the run is
     * recorded over every governed shard, and each shard's first step queued for a worker.
     *
     * @throws PoolDirectoryException when the shards to sweep cannot be said (Organizations down,
     *     nothing known): nothing was queued; the trigger is worth retrying
     */
    public TriggerResult plan(Trigger trigger, RunOptions options) {
        Recorder recorder = ports.recording().recorder(trigger, tracker, clock);
        String runId = options.runId();
        RetentionPolicy policy;
        switch (PolicyInForce.forRun(ports.fleet().policy(), runId, recorder)) {
            case Answer.Done<RetentionPolicy> done -> policy = done.value();
            case Answer.Refused<RetentionPolicy> refused -> {
                // a run that would fail closed in every shard is not started
                return recorder.publish(refused.problem());
            }
        }
        reportOverdue(recorder);
        gate.held(policy, options, recorder); // a new version is judged once, here, not by every shard's step
        List<Shard> shards;
        try {
            shards = ports.fleet().pools().shards();
        } catch (PoolDirectoryException e) {
            recorder.publish();
            throw e;
        }
        Instant now = clock.instant();
        RunRecord started = RunRecord.started(options, trigger.kind()).startedAt(now)
                .deadline(now.plus(options.deadline())).shardsTotal(shards.size()).build();
        try {
            ports.runs().ledger().open(started);
        } catch (StateStoreException e) {
            // no step is queued for a run that is not recorded: the planner is tried again
            recorder.leftUndone("run " + runId + ": " + e.getMessage());
            return recorder.publish();
        }
        if (shards.isEmpty()) {
            return complete(new Going(options, recorder), Ended.before(policy));
        }
        try {
            ports.runs().queue().send(shards.stream()
                    .map(shard -> ShardStep.first(started, shard)).toList());
        } catch (ShardQueueException e) {
            recorder.leftUndone("run " + runId + ": " + e.getMessage());
        }
        return recorder.publish().queued(shards);
    }

    /** Runs past their deadline that never finished (a step died, or went to the dead-letter queue): each reported once. */
    void reportOverdue(Recorder recorder) {
        recorder.runRecord("overdue", () -> ports.runs().ledger().expire(clock.instant())
                .forEach(run -> recorder.add(new GuardEvent(clock.instant(), run.incompleteEvent(recorder.trigger())))));
    }

    /**
     * Takes one step of a shard's sweep, as a worker takes it: the pools from the step's page on,
     * until the shard's last page or until only the options' {@code stepReserve} is left of the trigger's time (what
     * is listed by then is still read, so a step ends within its invocation); the next step is then
     * queued. The shard that ends last completes the run.
     */
    public TriggerResult step(ShardStep step, Trigger trigger, RunOptions options) {
        Recorder recorder = ports.recording().recorder(trigger, tracker.readingAhead(), clock);
        Going going = new Going(options, recorder);
        ShardProgress progress;
        try {
            progress = ports.runs().ledger().progress(step.runId(), step.shard());
        } catch (StateStoreException e) {
            recorder.leftUndone("run " + step.runId() + ": " + e.getMessage());
            return recorder.publish();
        }
        if (progress.step() > step.step()) {
            return redelivered(step, going, progress);
        }
        if (progress.step() < step.step()) {
            // a queue that keeps a shard's order never does this: left for it to deliver again
            recorder.leftUndone("step " + step.step() + " of " + step.shard() + " in run " + step.runId()
                    + " came before step " + progress.step() + " was taken");
            return recorder.publish();
        }
        RetentionPolicy policy;
        switch (PolicyInForce.forRun(ports.fleet().policy(), step.runId(), recorder)) {
            case Answer.Done<RetentionPolicy> done -> policy = done.value();
            case Answer.Refused<RetentionPolicy> refused -> {
                String failsClosed = switch (refused.problem()) {
                    case Problem.PolicyInvalid invalid -> "policy invalid: " + invalid.message();
                    case Problem.PolicyUnreadable unreadable -> "policy unreadable: " + unreadable.message();
                    default -> null;
                };
                if (failsClosed != null) {
                    // no shard of this run can act on it (a stale policy may be read again by a later run): the shard ends
                    ShardFailure failure = new ShardFailure(step.shard(), failsClosed);
                    return taken(step, going, Ended.closed(failure, refused.problem()));
                }
                return recorder.publish(refused.problem()); // unavailable: worth taking again
            }
        }
        Instant stopAt = clock.instant().plus(trigger.timeLeft()).minus(options.stepReserve());
        ports.fleet().pools().freshSession(step.shard()); // one session a step: one AssumeRole per shard invocation
        var terms = new RunTerms(policy, options, recorder, new Placements(ports.fleet().accounts()),
                ports.recording().decreases(), gate.held(policy, options, recorder));
        Enforcer.StepReport done = enforcer.step(step, terms, new Enforcer.StepLimits(
                () -> !clock.instant().isBefore(stopAt), ports.runs().ledger().capOf(step.runId()), fleet(options)));
        return taken(step, going, Ended.of(done, policy));
    }

    /**
     * Brings a failed step's message back after {@code wait} rather than the queue's visibility
     * timeout: empty when asked, else why not (it then comes back after the timeout).
     */
    public Optional<String> retryStep(String receipt, Duration wait) {
        try {
            ports.runs().queue().redeliverAfter(receipt, wait);
            return Optional.empty();
        } catch (ShardQueueException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A run as one trigger goes on with it: its options, and the recorder of the trigger. */
    private record Going(RunOptions options, Recorder recorder) {
    }

    /**
     * How a step ended: its report (null: no pool was read), why its shard failed (null: it did
     * not), the page the shard's next step starts from (null: the shard ended), the policy it went by
     * (null: none could be read) and the problem that stopped it (null: none).
     */
    private record Ended(RunReport report, ShardFailure failure, String next, RetentionPolicy policy,
                         Problem problem) {

        static Ended of(Enforcer.StepReport done, RetentionPolicy policy) {
            RunReport report = done.report();
            ShardFailure failure = report.failedShards().isEmpty() ? null : report.failedShards().getFirst();
            return new Ended(report, failure, done.nextPage(), policy, null);
        }

        /** A policy that fails closed ended the shard. */
        static Ended closed(ShardFailure failure, Problem problem) {
            return new Ended(null, failure, null, null, problem);
        }

        /** No step taken: a completion to announce under {@code policy}. */
        static Ended before(RetentionPolicy policy) {
            return new Ended(null, null, null, policy, null);
        }
    }

    /** Records a step taken, then sends what follows it: the shard's next step, or the run's completion. */
    private TriggerResult taken(ShardStep step, Going going, Ended ended) {
        Recorder recorder = going.recorder();
        RunReport report = ended.report();
        Problem problem = ended.problem();
        ShardFailure failure = ended.failure();
        String next = ended.next();
        boolean advanced;
        try {
            advanced = ports.runs().ledger().advance(step, new StepTaken(next, report == null ? Map.of()
                    : report.counts(), failure));
        } catch (StateStoreException e) {
            // not recorded: the step is delivered again and taken again
            recorder.leftUndone("run " + step.runId() + ": " + e.getMessage());
            return recorder.publish(report, problem);
        }
        if (!advanced) {
            return recorder.publish(report, problem); // a delivery of the same step recorded it first
        }
        if (failure != null) {
            recorder.add(new GuardEvent(clock.instant(), ShardFailed.of(new Origin(step.runId(),
                    recorder.trigger().triggeredBy()), failure.shard(), failure.reason())));
        }
        if (next != null) {
            queue(step.next(next), recorder);
            return recorder.publish(report, problem);
        }
        return complete(going, ended);
    }

    /**
     * A step taken before: what its first delivery may not have done is done now, the same way
     * (the same step queued, the same completion event), so that nothing is reported twice.
     */
    private TriggerResult redelivered(ShardStep step, Going going, ShardProgress progress) {
        Recorder recorder = going.recorder();
        if (!progress.ended()) {
            queue(step.at(progress.step(), progress.pageToken()), recorder);
            return recorder.publish();
        }
        Optional<RunRecord> unannounced;
        try {
            // the last shard's first delivery may have died before completing the run, or before publishing that
            unannounced = ports.runs().ledger().completeIfEnded(step.runId(), clock.instant())
                    .or(() -> ports.runs().ledger().unannounced(step.runId()));
        } catch (StateStoreException e) {
            recorder.leftUndone("run " + step.runId() + ": " + e.getMessage());
            return recorder.publish();
        }
        RetentionPolicy policy = PolicyInForce.read(ports.fleet().policy()) instanceof Answer.Done<RetentionPolicy> done
                ? done.value() : null;
        return announce(unannounced, going, Ended.before(policy));
    }

    /** Completes the run if every shard ended, and publishes that. */
    private TriggerResult complete(Going going, Ended ended) {
        String runId = going.options().runId();
        Optional<RunRecord> completed;
        try {
            completed = ports.runs().ledger().completeIfEnded(runId, clock.instant());
        } catch (StateStoreException e) {
            going.recorder().leftUndone("run " + runId + ": " + e.getMessage());
            return going.recorder().publish(ended.report(), ended.problem());
        }
        return announce(completed, going, ended);
    }

    /** Publishes a completed run's {@code Enforcement Run Completed}, and records that it went out. */
    private TriggerResult announce(Optional<RunRecord> completed, Going going, Ended ended) {
        Recorder recorder = going.recorder();
        RunReport report = ended.report();
        Problem problem = ended.problem();
        RetentionPolicy policy = ended.policy();
        if (completed.isEmpty()) {
            return recorder.publish(report, problem);
        }
        RunRecord run = completed.get();
        measure(run, recorder);
        var read = new EnforcementRunCompleted.PolicyRead(policy == null ? ports.fleet().policy().location() : policy.source(),
                policy == null ? null : policy.version());
        GuardEvent event = new GuardEvent(run.finishedAt(), run.completedEvent(read, going.options().cap().count(),
                recorder.trigger()));
        recorder.add(event);
        TriggerResult result = recorder.publish(report, problem);
        if (result.published().stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            try {
                ports.runs().ledger().announced(run.runId());
            } catch (StateStoreException e) {
                // only a redelivery reads the mark: it would publish the same event, of the same id, again
            }
        }
        return result;
    }

    /**
     * The fleet a percent cap is of: as the last sweep measured it, read only when the cap has a
     * percent; empty when it has none, or none was measured, or it cannot be read (the step's own
     * pools then, as before any sweep).
     */
    private OptionalInt fleet(RunOptions options) {
        if (options.cap().percent() == null) {
            return OptionalInt.empty();
        }
        try {
            return ports.recording().decreases().fleet();
        } catch (StateStoreException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * A sweep that ended measured the fleet: the percents are of it from now on. Only a whole one:
     * a sweep some shards of which could not be listed (or stopped on a policy that failed closed)
     * saw part of the fleet, and a part would shrink every percent.
     */
    private void measure(RunRecord run, Recorder recorder) {
        if (!run.failedShards().isEmpty() || run.pools() == 0) {
            return;
        }
        try {
            ports.recording().decreases().measured(run.pools());
        } catch (StateStoreException e) {
            // the fleet last measured stands until the next sweep's end
            recorder.leftUndone("run " + run.runId() + ": the fleet's size was not kept: " + e.getMessage());
        }
    }

    private void queue(ShardStep next, Recorder recorder) {
        try {
            ports.runs().queue().send(List.of(next));
        } catch (ShardQueueException e) {
            // the step stays recorded: delivered again, it queues its next step again
            recorder.leftUndone("run " + next.runId() + ": " + e.getMessage());
        }
    }
}
