package kvspoolguard.core.events;

/**
 * The detail of one event this service emits: one record per detail-type, its fields in the
 * order docs/events.md gives. Each starts with its deterministic id (what consumers deduplicate
 * on) and ends with what triggered it; the schema version is the wire's, not a field here.
 */
public sealed interface EventDetail permits PoolEvent, EnforcementRunCompleted, EnforcementRunIncomplete,
        ShardFailed, PolicyInvalid, PolicyUnreadable, PolicyChanged, EnforcementRequested {

    /** The version of every detail's schema (docs/events/*.v1.json): it only gains optional fields. */
    int SCHEMA_VERSION = 1;

    String eventId();

    TriggeredBy trigger();

    EventType type();

    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
