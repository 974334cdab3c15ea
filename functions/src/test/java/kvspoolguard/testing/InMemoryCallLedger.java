package kvspoolguard.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.core.attribution.CallLedger;
import kvspoolguard.core.pool.PoolRef;

/** The calls' ledger as a map with compare-and-set writes, for pure tests of the core. */
public final class InMemoryCallLedger implements CallLedger {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();

    private static String key(PoolRef pool) {
        return pool.account() + "/" + pool.region() + "/" + pool.name();
    }

    @Override
    public Entry read(PoolRef pool) {
        reads.incrementAndGet();
        return entries.getOrDefault(key(pool), Entry.empty());
    }

    @Override
    public synchronized boolean writeIf(PoolRef pool, Entry entry) {
        Entry stored = entries.getOrDefault(key(pool), Entry.empty());
        if (stored.version() != entry.version()) {
            return false;
        }
        entries.put(key(pool), entry.written());
        return true;
    }

    public Entry entry(PoolRef pool) {
        return entries.getOrDefault(key(pool), Entry.empty());
    }
}
