package kvspoolguard.core;

import java.time.Clock;
import java.util.Objects;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.policy.PolicyVersions;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;

/**
 * Where a trigger records what it saw and sends what it reports: the pools' state, the bus
 * ({@code events} keeps what it publishes in the archive's history, see
 * {@link kvspoolguard.core.history.HistoryKeepingPublisher}), the archive, the day's decrease
 * budget, which every trigger that decreases a pool draws on, and the versions of the policy met,
 * with their approvals.
 */
public record Recording(StateStore state, EventPublisher events, Archive archive, DecreaseBudget decreases,
                        PolicyVersions versions) {

    public Recording {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(decreases, "decreases");
        Objects.requireNonNull(versions, "versions");
    }

    /** No decrease budget, and no versions of the policy kept: every decrease may be made. */
    public Recording(StateStore state, EventPublisher events, Archive archive) {
        this(state, events, archive, DecreaseBudget.NONE, PolicyVersions.NONE);
    }

    /** A recorder of one trigger, over {@code tracker}. */
    Recorder recorder(Trigger trigger, PoolStateTracker tracker, Clock clock) {
        return new Recorder(trigger, tracker, new Recorder.Reporting(events, archive.attribution(clock), clock));
    }
}
