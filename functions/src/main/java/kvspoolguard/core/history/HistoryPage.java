package kvspoolguard.core.history;

import java.util.List;

/** A page of a pool's history, newest first; {@code nextToken} null on the last page. */
public record HistoryPage(List<HistoryEntry> entries, String nextToken) {

    public HistoryPage {
        entries = List.copyOf(entries);
    }
}
