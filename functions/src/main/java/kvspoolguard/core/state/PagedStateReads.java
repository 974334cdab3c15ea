package kvspoolguard.core.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sweep's state reads, a page at a time: the first read of a listed pool loads the records of
 * its page of at most {@link #PAGE} pools in one {@link StateStore#readAll} (one BatchGetItem
 * instead of a hundred GetItems), and serves that pool from it. The page is read when the sweep
 * reaches it, so a record is as fresh as a read of its own would be; any later read of a pool (a
 * retry after a lost conditional write, the record after an update) goes to the store, as does
 * the read of a pool never listed. Writes always go to the store.
 */
final class PagedStateReads implements StateStore {

    static final int PAGE = 100;

    private final StateStore store;
    private final Map<String, Integer> pageOf = new ConcurrentHashMap<>();
    private final Map<Integer, List<String>> pages = new ConcurrentHashMap<>();
    private final AtomicInteger added = new AtomicInteger();
    private final Map<Integer, Page> loaded = new ConcurrentHashMap<>();

    PagedStateReads(StateStore store) {
        this.store = store;
    }

    @Override
    public RecordPage records(String after, int limit) {
        return store.records(after, limit);
    }

    /** Pools listed together, whose records are read together (in pages of {@link #PAGE}). */
    void listed(List<String> arns) {
        for (int from = 0; from < arns.size(); from += PAGE) {
            List<String> page = List.copyOf(arns.subList(from, Math.min(arns.size(), from + PAGE)));
            int index = added.getAndIncrement();
            pages.put(index, page); // before the pools name it, so a reader finds it
            page.forEach(arn -> pageOf.putIfAbsent(arn, index));
        }
    }

    /** The records of one page, each handed out once; none when the page could not be read. */
    private static final class Page {
        static final Page UNREAD = new Page(List.of(), Map.of());

        final Map<String, Versioned> records;
        final Set<String> unread = ConcurrentHashMap.newKeySet();

        Page(List<String> arns, Map<String, Versioned> records) {
            this.records = records;
            unread.addAll(arns);
        }
    }

    @Override
    public Optional<Versioned> read(String arn) {
        Integer index = pageOf.get(arn);
        if (index == null) {
            return store.read(arn);
        }
        Page page = loaded.computeIfAbsent(index, this::load);
        return page.unread.remove(arn) ? Optional.ofNullable(page.records.get(arn)) : store.read(arn);
    }

    /**
     * A page that cannot be read is tried once: its pools are then read one by one, as before. A
     * record that does not decode is left out of its page, so that its own read fails its pool alone.
     */
    private Page load(int index) {
        List<String> arns = pages.get(index);
        try {
            return new Page(arns, store.readAll(arns));
        } catch (UnreadableRecordException e) {
            return new Page(arns.stream().filter(arn -> !e.arns().contains(arn)).toList(), e.readable());
        } catch (StateStoreException e) {
            return Page.UNREAD;
        }
    }

    @Override
    public Map<String, Versioned> readAll(List<String> arns) {
        return store.readAll(arns);
    }

    @Override
    public boolean writeIf(Observation observation, List<OutboxEvent> outbox, long expectedVersion) {
        return store.writeIf(observation, outbox, expectedVersion);
    }

    @Override
    public void clearOutbox(String arn, Set<String> eventIds) {
        store.clearOutbox(arn, eventIds);
    }
}
