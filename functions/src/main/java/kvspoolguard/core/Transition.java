package kvspoolguard.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How an observation differs from the last one recorded: the changes a status-change event
 * reports. {@code previous} is null when the pool had never been seen.
 */
public record Transition(Observation previous, Observation current, Set<Change> changes) {

    /** The kinds of change, each reported once. */
    public enum Change {
        DISCOVERED, STATUS_CHANGED, RETENTION_DRIFTED, DELETED
    }

    public Transition {
        changes = changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
    }

    public static Transition none(Observation previous, Observation current) {
        return new Transition(previous, current, Set.of());
    }

    /**
     * The changes from {@code previous} (null: never seen) to {@code current}. An observation older
     * than the one recorded is stale and changes nothing. A retention difference is drift: the
     * retentions this service sets are recorded as they are set, so they never differ here.
     */
    public static Transition between(Observation previous, Observation current) {
        if (previous == null) {
            return new Transition(null, current, current.deleted() ? Set.of(Change.DELETED) : Set.of(Change.DISCOVERED));
        }
        if (current.observedAt().isBefore(previous.observedAt()) || previous.deleted() && current.deleted()) {
            return none(previous, current);
        }
        if (current.deleted()) {
            return new Transition(previous, current, Set.of(Change.DELETED));
        }
        Set<Change> changes = EnumSet.noneOf(Change.class);
        if (previous.deleted()) {
            changes.add(Change.DISCOVERED); // a pool of the same ARN created again
        } else {
            if (previous.status() != current.status()) {
                changes.add(Change.STATUS_CHANGED);
            }
            if (!Objects.equals(previous.retentionHours(), current.retentionHours())) {
                changes.add(Change.RETENTION_DRIFTED);
            }
        }
        return new Transition(previous, current, changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public boolean has(Change change) {
        return changes.contains(change);
    }
}
