package kvspoolguard.core.events;

import java.util.List;

/**
 * A caller asked the API for a run ({@code pools} null: the whole fleet). {@code actor} names
 * them; {@code requestedBy}, the same caller as version 1 first named them, is deprecated.
 */
public record EnforcementRequested(String eventId, String runId, boolean dryRun, List<EventPool> pools,
                                   Caller requestedBy, Actor actor, TriggeredBy trigger) implements EventDetail {

    public EnforcementRequested {
        pools = pools == null ? null : List.copyOf(pools);
        if (actor == null && requestedBy != null) {
            actor = Actor.of(requestedBy);
        }
    }

    public static EnforcementRequested of(String runId, boolean dryRun, List<EventPool> pools, Caller caller,
                                          TriggeredBy trigger) {
        return new EnforcementRequested(EventIds.of(EventType.ENFORCEMENT_REQUESTED, runId), runId, dryRun, pools,
                caller, Actor.of(caller), trigger);
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_REQUESTED;
    }
}
