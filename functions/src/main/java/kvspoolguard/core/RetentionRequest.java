package kvspoolguard.core;

import kvspoolguard.core.events.Caller;
import kvspoolguard.core.pool.PoolRef;

/** A caller's request to set a pool's retention to {@code hours}. */
public record RetentionRequest(PoolRef pool, int hours, Caller caller) {
}
