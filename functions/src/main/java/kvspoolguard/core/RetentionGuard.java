package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.EnforcementRequested;
import kvspoolguard.core.events.EnforcementRunCompleted;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.run.Enforcer;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.RunTerms;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStoreException;

/**
 * The enforcer's use cases, one per trigger: load the policy (failing closed), run the
 * enforcement, record what was observed so each transition is reported once, publish the events.
 * Handlers translate their trigger into one of these calls and the result into their answer.
 */
public final class RetentionGuard {

    private final Ports ports;
    private final Enforcer enforcer;
    private final PoolStateTracker tracker;
    private final Clock clock;
    private final ShardedRuns sharded;
    private final PolicyGate gate;

    public RetentionGuard(Ports ports, int concurrency, Clock clock) {
        this.ports = ports;
        this.enforcer = new Enforcer(new Enforcer.Directories(ports.fleet().pools(),
                ports.fleet().streams()), concurrency, clock);
        this.tracker = new PoolStateTracker(ports.recording().state(), clock);
        this.clock = clock;
        this.sharded = new ShardedRuns(ports, concurrency, clock);
        this.gate = new PolicyGate(ports, clock);
    }

    /** The sweeps this guard plans, taken a shard step at a time (the shard workers' use case). */
    ShardedRuns runs() {
        return sharded;
    }

    /**
     * Plans a sweep of every pool (the schedule, or a run requested through the API): the run is
     * recorded over every governed shard, and each shard's first step queued for a worker.
     *
     * @throws PoolDirectoryException when the shards to sweep cannot be said (Organizations down,
     *     nothing known): nothing was queued; the trigger is worth retrying
     */
    public TriggerResult plan(Trigger trigger, RunOptions options) {
        return sharded.plan(trigger, options);
    }

    /**
     * A run the API asked for, as the enforcer takes it from the bus ({@code options} name it and its
     * dry-run): started only when the API recorded it ({@code RUNNING}, asked through the API, with
     * the same dry-run); an event for any other run, whoever put it on the bus, starts nothing and
     * reads nothing.
     */
    public TriggerResult requested(List<PoolRef> pools, Trigger trigger, RunOptions options) {
        String runId = options.runId();
        boolean dryRun = options.dryRun();
        Optional<RunRecord> recorded;
        try {
            recorded = ports.runs().ledger().read(runId);
        } catch (StateStoreException e) {
            // worth taking again: the record may be readable then
            return TriggerResult.stateUnrecorded(trigger, "run " + runId + ": " + e.getMessage());
        }
        String refusal = recorded.isEmpty() ? "the API recorded no such run"
                : recorded.get().status() != RunRecord.Status.RUNNING ? "its record is " + recorded.get().status()
                : recorded.get().trigger() != Trigger.Kind.API ? "it was not asked for through the API"
                : recorded.get().dryRun() != dryRun ? "it was asked for with dryRun " + recorded.get().dryRun()
                : null;
        if (refusal != null) {
            return TriggerResult.refused(trigger, new Problem.RunNotRequested("run " + runId + " not started: "
                    + refusal));
        }
        return pools == null ? plan(trigger, options) : enforce(pools, trigger, options);
    }

    /**
     * An aws.chime state change of a pool: Active and Updated enforce the pool, Deleted records it, a
     * failure is read and reported. A pool outside the stack's scope (a forwarded event of an
     * account or region it does not govern) is refused before anything is read.
     */
    public TriggerResult stateChanged(StateChange state, Trigger trigger, RunOptions options) {
        PoolRef pool = state.pool();
        if (!ports.fleet().pools().governs(pool.shard())) {
            return TriggerResult.refused(trigger, Problem.Ungoverned.of(pool));
        }
        return switch (state.change()) {
            case "Active", "Updated" -> run(trigger, options, new Asked(List.of(pool), null));
            case "Deleted" -> deleted(pool, state.at(), trigger);
            default -> failureReported(pool, state.eventType(), trigger);
        };
    }

    /** One pool, as a state-change event (Active, Updated) asks. */
    public TriggerResult enforce(PoolRef pool, Trigger trigger, RunOptions options) {
        return run(trigger, options, new Asked(List.of(pool), null));
    }

    /** The given pools only, as an API request names them (by name or ARN). */
    public TriggerResult enforce(List<PoolRef> pools, Trigger trigger, RunOptions options) {
        return run(trigger, options, new Asked(List.copyOf(pools), null));
    }

    /**
     * CloudTrail's record of someone's call on a pool's stream (UpdateDataRetention, DeleteStream),
     * which {@link Jurisdiction} found this stack's to act on: the pool is judged and its streams read
     * at once, and the stream's drift, if it left one, names who made the call.
     */
    public TriggerResult streamCalled(StreamCall call, Trigger trigger, RunOptions options) {
        return run(trigger, options, new Asked(List.of(call.pool().orElseThrow()), call));
    }

    /** AWS says the pool is gone: record it (a Pool Status Changed, once). */
    public TriggerResult deleted(PoolRef pool, Instant at, Trigger trigger) {
        Recorder recorder = recorder(trigger, tracker);
        recorder.observe(Observation.deleted(pool, at));
        return recorder.publish();
    }

    /** AWS reports a failure of the pool: read and record it, and tell consumers. */
    public TriggerResult failureReported(PoolRef pool, String failure, Trigger trigger) {
        Recorder recorder = recorder(trigger, tracker);
        Instant at = clock.instant();
        Observation seen;
        try {
            seen = Observation.of(ports.fleet().pools().describe(pool, false), at);
            recorder.observe(seen);
        } catch (PoolDirectoryException e) {
            seen = Observation.unreadable(pool, at);
        }
        recorder.add(new GuardEvent(seen.observedAt(), PoolStatusChanged.failureReported(seen.sight(), failure,
                trigger.triggeredBy())));
        return recorder.publish();
    }

    private Recorder recorder(Trigger trigger, PoolStateTracker states) {
        return ports.recording().recorder(trigger, states, clock);
    }

    /** What a run is asked to go over: the pools, and the call on a stream that asked (null: none). */
    private record Asked(List<PoolRef> pools, StreamCall call) {
    }

    /** A run over the pools asked for, recorded unless it answers a change (a state change, a call on a stream). */
    private TriggerResult run(Trigger trigger, RunOptions options, Asked asked) {
        List<PoolRef> pools = asked.pools();
        Recorder recorder = recorder(trigger, tracker);
        RetentionPolicy policy;
        switch (PolicyInForce.forRun(ports.fleet().policy(), options.runId(), recorder)) {
            case Answer.Done<RetentionPolicy> done -> policy = done.value();
            case Answer.Refused<RetentionPolicy> refused -> {
                return recorder.publish(refused.problem());
            }
        }
        boolean recorded = trigger.kind() != Trigger.Kind.POOL_STATE_CHANGE && trigger.kind() != Trigger.Kind.API_CALL;
        RunRecord started = null;
        if (recorded) {
            sharded.reportOverdue(recorder);
            Instant now = clock.instant();
            started = RunRecord.started(options, trigger.kind()).startedAt(now).deadline(now.plus(options.deadline()))
                    .shardsTotal(shardsOf(pools)).build();
            RunRecord opened = started;
            recorder.runRecord(options.runId(), () -> ports.runs().ledger().open(opened));
        }
        RunReport report = enforcer.enforce(pools, new RunTerms(policy, options, recorder,
                new Placements(ports.fleet().accounts()), ports.recording().decreases(),
                gate.held(policy, options, recorder)), asked.call());
        if (recorded) {
            RunRecord finished = started.completed(report);
            recorder.runRecord(options.runId(), () -> ports.runs().ledger().complete(finished));
            var read = new EnforcementRunCompleted.PolicyRead(policy.source(), policy.version());
            recorder.add(new GuardEvent(finished.finishedAt(), finished.completedEvent(read,
                    report.updateCap() == Integer.MAX_VALUE ? null : report.updateCap(), trigger)));
        }
        return recorder.publish(report, null);
    }

    /**
     * A run asked for through the API: recorded as started first (the enforcer starts only runs so
     * recorded, see {@link #requested}), then handed to the enforcer by the bus (an {@code
     * Enforcement Requested} event). A record that cannot be written refuses the run; a run whose
     * event the bus refuses stays recorded, {@code RUNNING} until its deadline reports it incomplete.
     */
    public Answer<RunRecord> request(Trigger trigger, RunOptions options, RunRequest request) {
        List<PoolRef> pools = request.pools();
        Caller caller = request.caller();
        // a run that would fail closed is refused now, with the reason, rather than started
        if (PolicyInForce.read(ports.fleet().policy()) instanceof Answer.Refused<RetentionPolicy> refused) {
            return new Answer.Refused<>(refused.problem());
        }
        Instant now = clock.instant();
        int shards;
        try {
            shards = shardsOf(pools);
        } catch (PoolDirectoryException e) {
            shards = 0; // the enforcer records them when it starts
        }
        RunRecord started = RunRecord.started(options, Trigger.Kind.API).startedAt(now)
                .deadline(now.plus(options.deadline())).shardsTotal(shards).build();
        try {
            ports.runs().ledger().open(started);
        } catch (StateStoreException e) {
            return new Answer.Refused<>(new Problem.RecordsUnavailable(e.getMessage()));
        }
        try {
            List<EventPool> named = pools == null ? null : pools.stream().map(EventPool::of).toList();
            var requested = EnforcementRequested.builder(new Origin(options.runId(), trigger.triggeredBy()))
                    .dryRun(options.dryRun()).pools(named).requestedBy(caller).build();
            ports.recording().events().publish(List.of(new GuardEvent(now, requested)));
        } catch (EventPublishException e) {
            return new Answer.Refused<>(new Problem.RunNotQueued(e.getMessage()));
        }
        return new Answer.Done<>(started);
    }

    /** How many shards a run over {@code pools} (null: a sweep of every governed shard) walks. */
    private int shardsOf(List<PoolRef> pools) {
        return pools == null ? ports.fleet().pools().shards().size()
                : (int) pools.stream().map(PoolRef::shard).distinct().count();
    }

    /** A run's record, as read (GET /enforcements/{runId}). */
    public Answer<RunRecord> recordedRun(String runId) {
        try {
            return ports.runs().ledger().read(runId).<Answer<RunRecord>>map(Answer.Done::new)
                    .orElseGet(() -> new Answer.Refused<>(new Problem.RunNotFound("no run " + runId + " is recorded")));
        } catch (StateStoreException e) {
            return new Answer.Refused<>(new Problem.RecordsUnavailable(e.getMessage()));
        }
    }
}
