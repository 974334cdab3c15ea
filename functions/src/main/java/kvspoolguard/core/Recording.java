package kvspoolguard.core;

import java.time.Clock;
import java.util.Objects;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;

/**
 * Where a trigger records what it saw and sends what it reports: the pools' state, the bus
 * ({@code events} keeps what it publishes in the archive's history, see
 * {@link kvspoolguard.core.history.HistoryKeepingPublisher}), the archive, and the day's decrease
 * budget, which every trigger that decreases a pool draws on.
 */
public record Recording(StateStore state, EventPublisher events, Archive archive, DecreaseBudget decreases) {

    public Recording {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(decreases, "decreases");
    }

    /** No decrease budget: every decrease may be made. */
    public Recording(StateStore state, EventPublisher events, Archive archive) {
        this(state, events, archive, DecreaseBudget.NONE);
    }

    /** A recorder of one trigger, over {@code tracker}. */
    Recorder recorder(Trigger trigger, PoolStateTracker tracker, Clock clock) {
        return new Recorder(trigger, tracker, new Recorder.Reporting(events, archive.attribution(clock), clock));
    }
}
