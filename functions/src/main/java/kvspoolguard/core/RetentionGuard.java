package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
        this.tracker = new PoolStateTracker(ports.state());
        this.clock = clock;
    }

    /** A sweep of every pool (the schedule, or a run requested through the API). */
    public RunResult sweep(Trigger trigger, RunOptions options) {
        return run(trigger, options, null);
    }

    /** One pool, as a state-change event (Active, Updated) asks. */
    public RunResult enforce(PoolRef pool, Trigger trigger, RunOptions options) {
        return run(trigger, options, pool);
    }

    /** AWS says the pool is gone: record it (a Pool Status Changed, once). */
    public RunResult deleted(PoolRef pool, Instant at, Trigger trigger) {
        Journal journal = new Journal(trigger);
        journal.observe(Observation.deleted(pool, at));
        return journal.publish(null, null);
    }

    /** AWS reports a failure of the pool: read and record it, and tell consumers. */
    public RunResult failureReported(PoolRef pool, String failure, Trigger trigger) {
        Journal journal = new Journal(trigger);
        Instant at = clock.instant();
        Observation seen;
        try {
            seen = Observation.of(ports.pools().describe(pool, false), at);
            journal.observe(seen);
        } catch (PoolDirectoryException e) {
            seen = Observation.unreadable(pool, at);
        }
        journal.events.add(EventCatalog.failureReported(seen, failure, trigger));
        return journal.publish(null, null);
    }

    private RunResult run(Trigger trigger, RunOptions options, PoolRef single) {
        Journal journal = new Journal(trigger);
        RetentionPolicy policy;
        try {
            policy = ports.policy().current();
        } catch (InvalidPolicyException e) {
            journal.events.add(EventCatalog.policyInvalid(options.runId(), ports.policy().location(), e.getMessage(),
                    clock.instant(), trigger));
            return journal.publish(null, new RunResult.PolicyProblem(true, e.getMessage()));
        } catch (PolicySourceException e) {
            return journal.publish(null, new RunResult.PolicyProblem(false, e.getMessage()));
        }
        // each outcome is recorded as soon as it is known, so that a concurrent run reading the pool
        // after this run's update finds the update recorded, not a drift
        RunListener listener = journal.listener(options.runId());
        RunReport report = single == null ? enforcer.sweep(policy, options, listener)
                : enforcer.enforce(List.of(single), policy, options, listener);
        if (trigger.kind() != Trigger.Kind.POOL_STATE_CHANGE) {
            journal.events.add(EventCatalog.runCompleted(report, trigger));
        }
        return journal.publish(report, null);
    }

    /** What one trigger observed and will publish; per-pool state failures are kept, never thrown. */
    private final class Journal {
        private final Trigger trigger;
        private final List<GuardEvent> events = Collections.synchronizedList(new ArrayList<>());
        private final List<String> stateErrors = Collections.synchronizedList(new ArrayList<>());

        private Journal(Trigger trigger) {
            this.trigger = trigger;
        }

        RunListener listener(String runId) {
            return new RunListener() {
                @Override
                public void beforeUpdate(Pool pool, Instant readAt, int hours) {
                    // what was found (a discovery, a drift) is recorded before the update; if the
                    // store fails, the update still goes ahead
                    track(pool.arn(), () -> tracker.observeBeforeUpdate(Observation.of(pool, readAt), hours));
                }

                @Override
                public void outcome(PoolOutcome outcome) {
                    record(outcome, runId);
                }
            };
        }

        Transition observe(Observation observation) {
            return track(observation.arn(), () -> tracker.observe(observation));
        }

        /** Records an observation and queues the events of its transition; a store failure is kept. */
        private Transition track(String arn, Supplier<Transition> recording) {
            try {
                Transition transition = recording.get();
                events.addAll(EventCatalog.forTransition(transition, trigger));
                return transition;
            } catch (StateStoreException e) {
                stateErrors.add(arn + ": " + e.getMessage());
                return Transition.none(null, null);
            }
        }

        /**
         * An update made is always reported (the pool was observed before it, see listener); a
         * violation when the pool enters it. Observed as of the moment its read began, enforced as
         * of the update's answer.
         */
        void record(PoolOutcome outcome, String runId) {
            Instant now = clock.instant();
            if (outcome.observed() == null) {
                return;
            }
            Observation observed = Observation.of(outcome.observed(), outcome.observedAt())
                    .withViolation(EventCatalog.violationOf(outcome));
            if (outcome.kind() != PoolOutcome.Kind.ENFORCED) {
                if (observe(observed).has(Transition.Change.VIOLATION)) {
                    events.add(EventCatalog.violation(outcome, runId, trigger, now));
                }
            } else {
                events.add(EventCatalog.enforced(outcome, runId, trigger, now));
                try {
                    tracker.recordEnforced(observed.enforced(outcome.toHours(), now));
                } catch (StateStoreException e) {
                    stateErrors.add(observed.arn() + ": " + e.getMessage());
                }
            }
        }

        RunResult publish(RunReport report, RunResult.PolicyProblem policyProblem) {
            List<GuardEvent> unpublished = unpublishedOf(events);
            Set<GuardEvent> left = new HashSet<>(unpublished); // a hash lookup per event, on any fleet
            List<GuardEvent> published = events.stream().filter(e -> !left.contains(e)).toList();
            return new RunResult(trigger, report, policyProblem, published, unpublished, stateErrors);
        }

        private List<GuardEvent> unpublishedOf(List<GuardEvent> batch) {
            if (batch.isEmpty()) {
                return List.of();
            }
            try {
                ports.events().publish(batch);
                return List.of();
            } catch (EventPublishException e) {
                return e.unpublished();
            }
        }
    }
}
