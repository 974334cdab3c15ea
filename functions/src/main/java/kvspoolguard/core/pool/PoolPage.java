package kvspoolguard.core.pool;

import java.util.List;

/** One page of the pool listing: its pools, and the opaque token of the next page (null: the last). */
public record PoolPage(List<PoolRef> pools, String nextToken) {

    public PoolPage {
        pools = List.copyOf(pools);
    }
}
