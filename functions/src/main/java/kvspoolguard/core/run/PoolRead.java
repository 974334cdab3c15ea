package kvspoolguard.core.run;

import java.time.Instant;
import kvspoolguard.core.pool.Pool;

/** A pool as one read found it, and when that read began (what its record is judged against). */
public record PoolRead(Pool pool, Instant at) {
}
