package kvspoolguard.testing;

import java.util.ArrayList;
import java.util.List;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;

/** The event publisher as a list, for pure tests of the core; it can be told to refuse everything. */
public final class RecordingPublisher implements EventPublisher {

    public final List<GuardEvent> published = new ArrayList<>();
    /** The events of each call, in the order the calls came. */
    public final List<List<GuardEvent>> calls = new ArrayList<>();
    public boolean refuse;
    /** The process dies as the run starts publishing: nothing reaches the bus. */
    public boolean kill;
    /** The process dies at this call (counted from 1) and every later one; 0: never. */
    public int killFromCall;

    @Override
    public synchronized void publish(List<GuardEvent> events) {
        calls.add(List.copyOf(events));
        if (kill || killFromCall > 0 && calls.size() >= killFromCall) {
            throw new ProcessKilled("before publishing " + events.size() + " events");
        }
        if (refuse) {
            throw new EventPublishException("bus refused", events, null);
        }
        published.addAll(events);
    }

    public synchronized List<String> ids() {
        return published.stream().map(GuardEvent::eventId).toList();
    }

    public synchronized List<String> types() {
        return published.stream().map(e -> e.type().detailType()).toList();
    }
}
