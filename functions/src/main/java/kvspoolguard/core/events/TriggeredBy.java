package kvspoolguard.core.events;

import java.util.Objects;

/** What made the service act, as every event names it: the trigger's kind (its wire name) and id. */
public record TriggeredBy(String kind, String id) {

    public TriggeredBy {
        Objects.requireNonNull(kind, "kind");
    }
}
