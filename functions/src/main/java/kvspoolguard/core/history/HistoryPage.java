package kvspoolguard.core.history;

import java.util.List;
import kvspoolguard.core.events.GuardEvent;

/** A page of a pool's history (its events as they went to the bus), newest first; {@code nextToken} null on the last page. */
public record HistoryPage(List<GuardEvent> events, String nextToken) {

    public HistoryPage {
        events = List.copyOf(events);
    }
}
