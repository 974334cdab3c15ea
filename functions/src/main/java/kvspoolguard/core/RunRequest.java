package kvspoolguard.core;

import java.util.List;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.pool.PoolRef;

/** A caller's request for a run of the pools named ({@code pools} null: every pool). */
public record RunRequest(List<PoolRef> pools, Caller caller) {

    public RunRequest {
        pools = pools == null ? null : List.copyOf(pools);
    }
}
