package kvspoolguard.core.events;

/** An event about one pool: the pool is the event's one resource and names its history. */
public sealed interface PoolEvent extends EventDetail permits PoolStatusChanged, PoolRetentionDrifted,
        PoolDriftAttributed, PoolRetentionEnforced, PoolRetentionViolation, PoolRetentionChanged, PoolExemptionStarted,
        PoolExemptionEnded, StreamRetentionDrifted {

    EventPool pool();
}
