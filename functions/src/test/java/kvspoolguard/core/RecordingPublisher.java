package kvspoolguard.core;

import java.util.ArrayList;
import java.util.List;

/** The event publisher as a list, for pure tests of the core; it can be told to refuse everything. */
final class RecordingPublisher implements EventPublisher {

    final List<GuardEvent> published = new ArrayList<>();
    boolean refuse;
    /** The process dies as the run starts publishing: nothing reaches the bus. */
    boolean kill;

    @Override
    public synchronized void publish(List<GuardEvent> events) {
        if (kill) {
            throw new ProcessKilled("before publishing " + events.size() + " events");
        }
        if (refuse) {
            throw new EventPublishException("bus refused", events, null);
        }
        published.addAll(events);
    }

    List<String> ids() {
        return published.stream().map(GuardEvent::eventId).toList();
    }

    List<String> types() {
        return published.stream().map(e -> e.type().detailType()).toList();
    }
}
