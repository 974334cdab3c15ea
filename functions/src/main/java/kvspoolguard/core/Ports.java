package kvspoolguard.core;

import java.time.Clock;
import java.util.Objects;
import kvspoolguard.core.attribution.CallLedger;
import kvspoolguard.core.attribution.DriftActors;
import kvspoolguard.core.attribution.DriftAttribution;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.history.PoolHistory;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.RunLedger;
import kvspoolguard.core.run.ShardQueue;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;

/**
 * The ports the core's use cases work through ({@link RetentionGuard}, {@code ShardedRuns},
 * {@link GuardedPools}, {@link CallRecords}; the read-only {@link PoolVerdicts} takes two of them
 * alone). {@code events} keeps what it publishes in {@code history} (see
 * {@link kvspoolguard.core.history.HistoryKeepingPublisher}); {@code history} reads it back;
 * {@code calls} records the pool API's calls, so that drifts name who made them. None is null.
 */
public record Ports(PoolDirectory pools, PolicySource policy, StateStore state, EventPublisher events,
                    RunLedger runs, ShardQueue queue, PoolHistory history, CallLedger calls) {

    public Ports {
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(calls, "calls");
    }

    /** Who made the drifts a run finds. */
    DriftActors actors(Clock clock) {
        return new DriftAttribution(calls, history, clock);
    }

    /** A recorder of one trigger, over {@code tracker}. */
    Recorder recorder(Trigger trigger, PoolStateTracker tracker, Clock clock) {
        return new Recorder(trigger, tracker, events, actors(clock), clock);
    }
}
