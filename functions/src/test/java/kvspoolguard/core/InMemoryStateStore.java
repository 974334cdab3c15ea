package kvspoolguard.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The state store as a map with compare-and-set, for pure tests of the core. */
final class InMemoryStateStore implements StateStore {

    private final ConcurrentMap<String, Versioned> records = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger batchReads = new AtomicInteger();
    /** When set, readAll fails with it (a store whose batch reads fail). */
    volatile StateStoreException batchFailure;

    @Override
    public Map<String, Versioned> readAll(List<String> arns) {
        batchReads.incrementAndGet();
        if (batchFailure != null) {
            throw batchFailure;
        }
        Map<String, Versioned> found = new HashMap<>();
        arns.forEach(arn -> Optional.ofNullable(records.get(arn)).ifPresent(v -> found.put(arn, v)));
        return found;
    }

    @Override
    public Optional<Versioned> read(String arn) {
        reads.incrementAndGet();
        return Optional.ofNullable(records.get(arn));
    }

    @Override
    public boolean writeIf(Observation observation, long expectedVersion) {
        writes.incrementAndGet();
        Versioned next = new Versioned(observation, expectedVersion + 1);
        if (expectedVersion == 0) {
            return records.putIfAbsent(observation.arn(), next) == null;
        }
        Versioned current = records.get(observation.arn());
        return current != null && current.version() == expectedVersion
                && records.replace(observation.arn(), current, next);
    }
}
