package kvspoolguard.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.history.PoolHistory;
import kvspoolguard.core.pool.PoolRef;

/** The pools' history as a list, for pure tests of the core: one page, newest first. */
public final class InMemoryPoolHistory implements PoolHistory {

    public final List<GuardEvent> kept = new ArrayList<>();

    @Override
    public synchronized void keep(List<GuardEvent> events) {
        events.stream().filter(e -> kept.stream().noneMatch(k -> k.eventId().equals(e.eventId()))).forEach(kept::add);
    }

    @Override
    public synchronized HistoryPage page(PoolRef pool, HistoryQuery query) {
        Instant since = query.since();
        int limit = query.limit();
        String token = query.token();
        List<GuardEvent> entries = new ArrayList<>();
        kept.stream().filter(e -> e.resources().stream().map(PoolRef::fromArn)
                        .anyMatch(r -> r.shard().equals(pool.shard()) && r.name().equals(pool.name())))
                .filter(e -> since == null || !e.time().isBefore(since))
                .sorted(Comparator.comparing(GuardEvent::time).reversed()).limit(limit)
                .forEach(entries::add);
        return new HistoryPage(entries, null);
    }
}
