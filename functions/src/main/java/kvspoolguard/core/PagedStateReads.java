package kvspoolguard.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep's state reads, a page at a time: the first read of a listed pool loads the records of
 * its page of {@link #PAGE} pools in one {@link StateStore#readAll} (one BatchGetItem instead of a
 * hundred GetItems), and serves that pool from it. The page is read when the sweep reaches it, so
 * a record is as fresh as a read of its own would be; any later read of a pool (a retry after a
 * lost conditional write, the record after an update) goes to the store. Writes always do.
 */
final class PagedStateReads implements StateStore {

    static final int PAGE = 100;

    private final StateStore store;
    private final Map<String, Integer> pageOf = new HashMap<>();
    private final List<List<String>> pages = new ArrayList<>();
    private final Map<Integer, Page> loaded = new ConcurrentHashMap<>();

    PagedStateReads(StateStore store, List<String> arns) {
        this.store = store;
        for (int from = 0; from < arns.size(); from += PAGE) {
            List<String> page = List.copyOf(arns.subList(from, Math.min(arns.size(), from + PAGE)));
            page.forEach(arn -> pageOf.putIfAbsent(arn, pages.size()));
            pages.add(page);
        }
    }

    /** The records of one page, each handed out once. */
    private static final class Page {
        final Map<String, Versioned> records;
        final Map<String, Boolean> unread = new ConcurrentHashMap<>();

        Page(List<String> arns, Map<String, Versioned> records) {
            this.records = records;
            arns.forEach(arn -> unread.put(arn, true));
        }
    }

    @Override
    public Optional<Versioned> read(String arn) {
        Integer index = pageOf.get(arn);
        if (index == null) {
            return store.read(arn);
        }
        Page page;
        try {
            page = loaded.computeIfAbsent(index, i -> new Page(pages.get(i), store.readAll(pages.get(i))));
        } catch (StateStoreException e) {
            return store.read(arn); // the batch failed: this pool's own read may still succeed
        }
        return page.unread.remove(arn) != null ? Optional.ofNullable(page.records.get(arn)) : store.read(arn);
    }

    @Override
    public Map<String, Versioned> readAll(List<String> arns) {
        return store.readAll(arns);
    }

    @Override
    public boolean writeIf(Observation observation, long expectedVersion) {
        return store.writeIf(observation, expectedVersion);
    }
}
