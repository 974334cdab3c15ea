package kvspoolguard.core.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last observation of every pool, with a version for conditional writes (DynamoDB's condition
 * expressions, or a compare-and-set in memory). The logic that turns observations into transitions
 * lives once, in {@link PoolStateTracker}; a store only reads and writes conditionally.
 * Implementations throw {@link StateStoreException} when the store cannot be used.
 */
public interface StateStore {

    /**
     * An observation as stored, with the version a conditional write must name and the events that
     * report it or earlier ones, kept until the bus has them.
     */
    record Versioned(Observation observation, long version, List<OutboxEvent> outbox) {
        public Versioned {
            outbox = List.copyOf(outbox);
        }
    }

    Optional<Versioned> read(String arn);

    /**
     * The records of {@code arns} (at most 100) that exist, by ARN, each as {@link #read} would
     * give it. Stores that can read many records in one request override this.
     */
    default Map<String, Versioned> readAll(List<String> arns) {
        Map<String, Versioned> records = new HashMap<>();
        arns.forEach(arn -> read(arn).ifPresent(v -> records.put(arn, v)));
        return records;
    }

    /**
     * Writes the observation and its outbox (replacing both) with version {@code expectedVersion + 1}
     * if the stored version is still {@code expectedVersion} (0: no record yet). False when another
     * writer got there first.
     */
    boolean writeIf(Observation observation, List<OutboxEvent> outbox, long expectedVersion);

    /**
     * The pools' records as they stand (deleted pools' too), at most {@code limit}, after the pool
     * {@code after} (null: from the first), reading nothing but pools' records: for summaries of
     * the whole fleet from the state alone.
     */
    RecordPage records(String after, int limit);

    /**
     * Drops these events from the pool's outbox: the bus has them (or they will never be due). Moves
     * the version on, so that a writer who read the record before cannot write them back. No record:
     * nothing to do.
     */
    void clearOutbox(String arn, Set<String> eventIds);
}
