package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * A caller asked the API for a run ({@code pools} null: the whole fleet). {@code actor} names
 * them; {@code requestedBy}, the same caller as version 1 first named them, is deprecated.
 */
@RecordBuilder
public record EnforcementRequested(String eventId, String runId, boolean dryRun, List<EventPool> pools,
                                   Caller requestedBy, Actor actor, TriggeredBy trigger) implements EventDetail {

    public EnforcementRequested {
        pools = pools == null ? null : List.copyOf(pools);
        if (actor == null && requestedBy != null) {
            actor = Actor.of(requestedBy);
        }
    }

    /**
     * The event of the run {@code origin} names, its id by its rule; the rest by name ({@code actor}
     * follows from {@code requestedBy}).
     */
    public static EnforcementRequestedBuilder builder(Origin origin) {
        return EnforcementRequestedBuilder.builder().runId(origin.runId()).trigger(origin.trigger())
                .eventId(EventIds.of(EventType.ENFORCEMENT_REQUESTED, origin.runId()));
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_REQUESTED;
    }
}
