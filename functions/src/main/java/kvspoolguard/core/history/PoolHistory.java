package kvspoolguard.core.history;

import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.PoolRef;

/** Where the events about pools are kept, and read back a pool at a time. */
public interface PoolHistory {

    /**
     * Keeps each event for each pool it concerns; keeping an event again changes nothing.
     *
     * @throws HistoryException when they could not all be kept
     */
    void keep(List<GuardEvent> events);

    /**
     * The pool's events as {@code query} asks: at or after its {@code since} (null: all kept), newest
     * first, at most its {@code limit}, from its {@code token} (null: the newest).
     *
     * @throws HistoryException on a token this history did not issue for this pool, or a store that cannot answer
     */
    HistoryPage page(PoolRef pool, HistoryQuery query);
}
