package kvspoolguard.core.history;

import java.time.Instant;

/**
 * Which page of a pool's history to read: the events from {@code since} on (null: all it keeps),
 * at most {@code limit} of them, from {@code token} (null: the newest).
 */
public record HistoryQuery(Instant since, int limit, String token) {
}
