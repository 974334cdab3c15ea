package kvspoolguard.core;

import java.util.ArrayList;
import java.util.List;

/** The event publisher as a list, for pure tests of the core; it can be told to refuse everything. */
final class RecordingPublisher implements EventPublisher {

    final List<GuardEvent> published = new ArrayList<>();
    boolean refuse;

    @Override
    public synchronized void publish(List<GuardEvent> events) {
        if (refuse) {
            throw new EventPublishException("bus refused", events, null);
        }
        published.addAll(events);
    }

    List<String> types() {
        return published.stream().map(e -> e.type().detailType()).toList();
    }
}
