package kvspoolguard.core.attribution;

import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.PoolRef;

/**
 * The pool API's calls recorded per pool, with the drifts each explained and the events that say
 * so until the bus has them. Writes are conditional on the version read, as the state's are.
 * Implementations throw {@link kvspoolguard.core.state.StateStoreException} when they cannot be used.
 */
public interface CallLedger {

    /**
     * A pool's record: its latest calls, newest first; {@code claims}, drift event id to the id of
     * the call that explains it; {@code outbox}, the events not yet on the bus; the version to name
     * in {@link #writeIf} (0: no record yet).
     */
    record Entry(List<PoolCall> calls, Map<String, String> claims, List<GuardEvent> outbox, long version) {
        public Entry {
            calls = List.copyOf(calls);
            claims = Map.copyOf(claims);
            outbox = List.copyOf(outbox);
        }

        public static Entry empty() {
            return new Entry(List.of(), Map.of(), List.of(), 0);
        }

        /** This record as read, holding {@code calls}, {@code claims} and {@code outbox} instead: what to write. */
        public Entry with(List<PoolCall> newCalls, Map<String, String> newClaims, List<GuardEvent> newOutbox) {
            return new Entry(newCalls, newClaims, newOutbox, version);
        }

        /** This record as read, its outbox holding only {@code left}. */
        public Entry withOutbox(List<GuardEvent> left) {
            return with(calls, claims, left);
        }

        /** This record as stored at {@code storedVersion}. */
        public Entry at(long storedVersion) {
            return new Entry(calls, claims, outbox, storedVersion);
        }

        /** This record as the next write leaves it. */
        public Entry written() {
            return new Entry(calls, claims, outbox, version + 1);
        }

        public boolean knows(String callId) {
            return calls.stream().anyMatch(c -> c.callId().equals(callId));
        }
    }

    Entry read(PoolRef pool);

    /** Writes the pool's record if its version is still {@code entry.version()}; false when another writer got there first. */
    boolean writeIf(PoolRef pool, Entry entry);
}
