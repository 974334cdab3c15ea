package kvspoolguard.core;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The state store as a map with compare-and-set, for pure tests of the core. */
final class InMemoryStateStore implements StateStore {

    private final ConcurrentMap<String, Versioned> records = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

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
