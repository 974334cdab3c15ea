package kvspoolguard.core.history;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One event about a pool, as it went to the bus: its id, its detail-type, when, and its detail. */
public record HistoryEntry(String eventId, String detailType, Instant time, Map<String, Object> detail) {

    public HistoryEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(time, "time");
        detail = detail == null ? Map.of() : detail;
    }
}
