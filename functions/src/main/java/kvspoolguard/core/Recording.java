package kvspoolguard.core;

import java.time.Clock;
import java.util.Objects;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;

/**
 * Where a trigger records what it saw and sends what it reports: the pools' state, the bus
 * ({@code events} keeps what it publishes in the archive's history, see
 * {@link kvspoolguard.core.history.HistoryKeepingPublisher}) and the archive.
 */
public record Recording(StateStore state, EventPublisher events, Archive archive) {

    public Recording {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(archive, "archive");
    }

    /** A recorder of one trigger, over {@code tracker}. */
    Recorder recorder(Trigger trigger, PoolStateTracker tracker, Clock clock) {
        return new Recorder(trigger, tracker, new Recorder.Reporting(events, archive.attribution(clock), clock));
    }
}
