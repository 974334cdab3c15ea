package kvspoolguard.core;

import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.testing.InMemoryCallLedger;
import kvspoolguard.testing.InMemoryPoolHistory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;

/** Ports for a test that watches the fleet, the state and the bus: the archive and the runs in memory, empty. */
final class TestPorts {

    private TestPorts() {
    }

    static Ports over(Fleet fleet, StateStore state, EventPublisher bus) {
        return new Ports(fleet, recording(state, bus), new Runs(new InMemoryRunLedger(), new InMemoryShardQueue()));
    }

    /** The state and the bus a test watches, with an empty archive. */
    static Recording recording(StateStore state, EventPublisher bus) {
        return new Recording(state, bus, new Archive(new InMemoryPoolHistory(), new InMemoryCallLedger()));
    }
}
