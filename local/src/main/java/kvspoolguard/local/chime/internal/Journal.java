package kvspoolguard.local.chime.internal;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.OperationCount;
import kvspoolguard.local.chime.model.RecordedRequest;

/**
 * Every request received, for assertions: counters per operation and status (never trimmed until
 * reset), and the requests themselves, of which the newest {@value #KEPT} are kept so that a long
 * soak cannot exhaust memory.
 */
public final class Journal {

    static final int KEPT = 100_000;

    private final AtomicLong sequence = new AtomicLong();
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    private final Map<Operation, Map<Integer, Long>> counts = new EnumMap<>(Operation.class);

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    public synchronized void record(RecordedRequest request) {
        if (requests.size() == KEPT) {
            requests.removeFirst();
        }
        requests.addLast(request);
        if (request.operation() != null) {
            counts.computeIfAbsent(request.operation(), op -> new HashMap<>())
                    .merge(request.status(), 1L, Long::sum);
        }
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized Map<Operation, OperationCount> counters() {
        Map<Operation, OperationCount> out = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            Map<Integer, Long> byStatus = counts.getOrDefault(op, Map.of());
            long calls = byStatus.values().stream().mapToLong(Long::longValue).sum();
            out.put(op, new OperationCount(calls, byStatus));
        }
        return out;
    }

    public synchronized void clear() {
        requests.clear();
        counts.clear();
    }
}
