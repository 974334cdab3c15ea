package kvspoolguard.core.events;

import java.util.List;

/** Where events go (an EventBridge bus). */
public interface EventPublisher {

    /**
     * Publishes every event, retrying those the bus refused.
     *
     * @throws EventPublishException naming every event that could not be published after the retries
     */
    void publish(List<GuardEvent> events);
}
