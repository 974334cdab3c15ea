package kvspoolguard.testing;

import java.time.Clock;
import kvspoolguard.core.attribution.DriftActors;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.PoolStateTracker;

/** Where a run records when a test looks only at what it did to the pools: state in memory, events in a list. */
public final class Recorders {

    private Recorders() {
    }

    public static Recorder inMemory() {
        return new Recorder(new Trigger(Trigger.Kind.SCHEDULE, "run"),
                new PoolStateTracker(new InMemoryStateStore(), Clock.systemUTC()).readingAhead(),
                new Recorder.Reporting(new RecordingPublisher(), DriftActors.NONE, Clock.systemUTC()));
    }
}
