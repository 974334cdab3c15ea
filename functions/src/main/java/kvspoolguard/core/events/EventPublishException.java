package kvspoolguard.core.events;

import java.util.List;

/** Some events could not be published; they are carried here so that nothing is dropped silently. */
public final class EventPublishException extends RuntimeException {

    private final transient List<GuardEvent> unpublished;

    public EventPublishException(String message, List<GuardEvent> unpublished, Throwable cause) {
        super(message, cause);
        this.unpublished = List.copyOf(unpublished);
    }

    public List<GuardEvent> unpublished() {
        return unpublished;
    }
}
