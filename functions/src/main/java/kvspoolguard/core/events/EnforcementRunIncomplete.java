package kvspoolguard.core.events;

import java.time.Instant;

/** A run whose deadline passed before it finished (its invocation died or timed out). */
public record EnforcementRunIncomplete(String eventId, String runId, Instant startedAt, Instant deadline, int shards,
                                       TriggeredBy trigger) implements EventDetail {

    public static EnforcementRunIncomplete of(String runId, Instant startedAt, Instant deadline, int shards,
                                              TriggeredBy trigger) {
        return new EnforcementRunIncomplete(EventIds.of(EventType.ENFORCEMENT_RUN_INCOMPLETE, runId), runId, startedAt,
                deadline, shards, trigger);
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_RUN_INCOMPLETE;
    }
}
