package kvspoolguard.core.run;

import java.time.Instant;
import java.util.List;
import kvspoolguard.core.pool.PoolRef;

/**
 * Hears, on the worker handling a pool, what a run does with it: just before an update is made,
 * and the pool's outcome as soon as it is known. Used to record state while the run goes on.
 * A sweep also tells which pools it listed, a page at a time, before it reads any of the page.
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /**
     * A sweep listed this page of pools and will read them, in this order, while it lists the next
     * page (called on the thread that lists).
     */
    default void listed(List<PoolRef> page) {
    }

    /** The update {@code intended} (an ENFORCED outcome of the pool as read at {@code readAt}) is about to be made. */
    default void beforeUpdate(PoolOutcome intended, Instant readAt) {
    }

    default void outcome(PoolOutcome outcome) {
    }
}
