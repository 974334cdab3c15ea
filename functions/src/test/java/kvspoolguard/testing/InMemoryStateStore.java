package kvspoolguard.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.core.state.RecordPage;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.UnreadableRecordException;

/** The state store as a map with compare-and-set, for pure tests of the core. */
public final class InMemoryStateStore implements StateStore {

    private final ConcurrentMap<String, Versioned> records = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();
    public final AtomicInteger writes = new AtomicInteger();
    public final AtomicInteger batchReads = new AtomicInteger();
    public final AtomicInteger clears = new AtomicInteger();
    /** Writes to refuse, as if another writer came in between each time. */
    public final AtomicInteger conflictsLeft = new AtomicInteger();
    /** When set, readAll fails with it (a store whose batch reads fail). */
    public volatile StateStoreException batchFailure;
    /** When set, records fails with it (a store that cannot be scanned). */
    public volatile StateStoreException scanFailure;
    /** The pools whose records are there but do not decode. */
    public final Set<String> undecodable = ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, Versioned> readAll(List<String> arns) {
        batchReads.incrementAndGet();
        if (batchFailure != null) {
            throw batchFailure;
        }
        Map<String, Versioned> found = new HashMap<>();
        arns.stream().filter(arn -> !undecodable.contains(arn))
                .forEach(arn -> Optional.ofNullable(records.get(arn)).ifPresent(v -> found.put(arn, v)));
        Map<String, UnreadableRecordException> bad = new HashMap<>();
        arns.stream().filter(undecodable::contains)
                .forEach(arn -> bad.put(arn, UnreadableRecordException.of(arn, arn + " does not decode", null)));
        if (!bad.isEmpty()) {
            throw UnreadableRecordException.ofPage(bad, found, arns.size());
        }
        return found;
    }

    @Override
    public Optional<Versioned> read(String arn) {
        reads.incrementAndGet();
        if (undecodable.contains(arn)) {
            throw UnreadableRecordException.of(arn, arn + " does not decode", null);
        }
        return Optional.ofNullable(records.get(arn));
    }

    @Override
    public boolean writeIf(Observation observation, List<OutboxEvent> outbox, long expectedVersion) {
        writes.incrementAndGet();
        if (conflictsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return false;
        }
        Versioned next = new Versioned(observation, expectedVersion + 1, outbox);
        if (expectedVersion == 0) {
            return records.putIfAbsent(observation.arn(), next) == null;
        }
        Versioned current = records.get(observation.arn());
        return current != null && current.version() == expectedVersion
                && records.replace(observation.arn(), current, next);
    }

    /** In ARN order, as a store's own order. */
    @Override
    public RecordPage records(String after, int limit) {
        if (scanFailure != null) {
            throw scanFailure;
        }
        List<String> arns = records.keySet().stream().sorted().filter(a -> after == null || a.compareTo(after) > 0)
                .toList();
        List<String> read = arns.stream().limit(limit).toList();
        return new RecordPage(read.stream().filter(a -> !undecodable.contains(a)).map(a -> records.get(a).observation())
                .toList(), read.stream().filter(undecodable::contains).toList(),
                read.size() == limit ? read.getLast() : null); // as DynamoDB: a full page may be the last
    }

    @Override
    public void clearOutbox(String arn, Set<String> eventIds) {
        clears.incrementAndGet();
        records.computeIfPresent(arn, (a, v) -> new Versioned(v.observation(), v.version() + 1,
                v.outbox().stream().filter(e -> !eventIds.contains(e.eventId())).toList()));
    }

    /** The events waiting in the outbox of {@code arn}. */
    public List<OutboxEvent> outbox(String arn) {
        return Optional.ofNullable(records.get(arn)).map(Versioned::outbox).orElse(List.of());
    }
}
