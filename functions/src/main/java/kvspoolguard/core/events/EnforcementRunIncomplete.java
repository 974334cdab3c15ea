package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/** A run whose deadline passed before it finished (its invocation died or timed out). */
@RecordBuilder
public record EnforcementRunIncomplete(String eventId, String runId, Instant startedAt, Instant deadline, int shards,
                                       TriggeredBy trigger) implements EventDetail {

    /** The event of the run {@code origin} names, its id by its rule; the rest by name. */
    public static EnforcementRunIncompleteBuilder builder(Origin origin) {
        return EnforcementRunIncompleteBuilder.builder().runId(origin.runId()).trigger(origin.trigger())
                .eventId(EventIds.of(EventType.ENFORCEMENT_RUN_INCOMPLETE, origin.runId()));
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_RUN_INCOMPLETE;
    }
}
