package kvspoolguard.core.history;

import java.util.List;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;

/**
 * Keeps the events about pools in their history before they go to the bus. Keeping is idempotent
 * (by event id), so an event published again after a failure is kept once; and if keeping fails,
 * nothing is published and every event stays unpublished where it waits (a record's outbox), to
 * be kept and published together later: no event reaches the bus without reaching the history.
 */
public final class HistoryKeepingPublisher implements EventPublisher {

    private final EventPublisher bus;
    private final PoolHistory history;

    public HistoryKeepingPublisher(EventPublisher bus, PoolHistory history) {
        this.bus = bus;
        this.history = history;
    }

    @Override
    public void publish(List<GuardEvent> events) {
        List<GuardEvent> aboutPools = events.stream().filter(e -> !e.resources().isEmpty()).toList();
        if (!aboutPools.isEmpty()) {
            try {
                history.keep(aboutPools);
            } catch (HistoryException e) {
                throw new EventPublishException("the pools' history could not keep " + aboutPools.size()
                        + " events, so none was published: " + e.getMessage(), events, e);
            }
        }
        bus.publish(events);
    }
}
