package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.run.Enforcer;
import kvspoolguard.core.run.EventCatalog;
import kvspoolguard.core.run.Journal;
import kvspoolguard.core.run.RunListener;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;

/**
 * The service's use cases, behind every trigger: load the policy (failing closed), run the
 * enforcement, record what was observed so each transition is reported once, publish the events.
 * Handlers translate their trigger into one of these calls and the result into their answer.
 */
public final class RetentionGuard {

    /** The ports the guard works through. */
    public record Ports(PoolDirectory pools, PolicySource policy, StateStore state, EventPublisher events) {
    }

    private final Ports ports;
    private final Enforcer enforcer;
    private final PoolStateTracker tracker;
    private final Clock clock;

    public RetentionGuard(Ports ports, int concurrency, Clock clock) {
        this.ports = ports;
        this.enforcer = new Enforcer(ports.pools(), concurrency, clock);
        this.tracker = new PoolStateTracker(ports.state(), clock);
        this.clock = clock;
    }

    /** A sweep of every pool (the schedule, or a run requested through the API). */
    public RunResult sweep(Trigger trigger, RunOptions options) {
        return run(trigger, options, null);
    }

    /** One pool, as a state-change event (Active, Updated) asks. */
    public RunResult enforce(PoolRef pool, Trigger trigger, RunOptions options) {
        return run(trigger, options, List.of(pool));
    }

    /** The given pools only, as an API request names them (by name or ARN). */
    public RunResult enforce(List<PoolRef> pools, Trigger trigger, RunOptions options) {
        return run(trigger, options, List.copyOf(pools));
    }

    /** AWS says the pool is gone: record it (a Pool Status Changed, once). */
    public RunResult deleted(PoolRef pool, Instant at, Trigger trigger) {
        Journal journal = journal(trigger);
        journal.observe(Observation.deleted(pool, at));
        return journal.publish(null, null);
    }

    /** AWS reports a failure of the pool: read and record it, and tell consumers. */
    public RunResult failureReported(PoolRef pool, String failure, Trigger trigger) {
        Journal journal = journal(trigger);
        Instant at = clock.instant();
        Observation seen;
        try {
            seen = Observation.of(ports.pools().describe(pool, false), at);
            journal.observe(seen);
        } catch (PoolDirectoryException e) {
            seen = Observation.unreadable(pool, at);
        }
        journal.add(EventCatalog.failureReported(seen, failure, trigger));
        return journal.publish(null, null);
    }

    private Journal journal(Trigger trigger) {
        return new Journal(trigger, tracker, ports.events(), clock);
    }

    /** A run over {@code pools}, or over every pool when null. */
    private RunResult run(Trigger trigger, RunOptions options, List<PoolRef> pools) {
        Journal journal = journal(trigger);
        RetentionPolicy policy;
        try {
            policy = ports.policy().current();
        } catch (InvalidPolicyException e) {
            journal.add(EventCatalog.policyInvalid(options.runId(), ports.policy().location(), e.getMessage(),
                    clock.instant(), trigger));
            return journal.publish(null, new RunResult.PolicyProblem(true, e.getMessage()));
        } catch (PolicySourceException e) {
            return journal.publish(null, new RunResult.PolicyProblem(false, e.getMessage()));
        }
        // each outcome is recorded as soon as it is known, so that a concurrent run reading the pool
        // after this run's update finds the update recorded, not a drift
        RunListener listener = journal.listener(options.runId());
        RunReport report;
        try {
            report = pools == null ? enforcer.sweep(policy, options, listener)
                    : enforcer.enforce(pools, policy, options, listener);
        } catch (PoolDirectoryException listingFailed) {
            // the pools handled before the listing failed were recorded: their events go out now,
            // not after this run's deadline; the run still fails, so that it is tried again
            journal.publish(null, null);
            throw listingFailed;
        }
        if (trigger.kind() != Trigger.Kind.POOL_STATE_CHANGE) {
            journal.add(EventCatalog.runCompleted(report, trigger));
        }
        return journal.publish(report, null);
    }
}
