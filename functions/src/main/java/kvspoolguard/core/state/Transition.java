package kvspoolguard.core.state;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import kvspoolguard.core.events.EventDetail;
import kvspoolguard.core.events.PoolExemptionEnded;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.PoolSight;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.events.TriggeredBy;

/**
 * How an observation differs from the last one recorded: the changes a status-change event
 * reports. {@code previous} is null when the pool had never been seen.
 */
public record Transition(Observation previous, Observation current, Set<Change> changes) {

    /** The kinds of change, each reported once. */
    public enum Change {
        DISCOVERED, STATUS_CHANGED, RETENTION_DRIFTED, DELETED,
        /** The pool is left non-compliant for a reason (or a target) it was not left in before. */
        VIOLATION,
        /** The violation recorded last is over: recorded so that a later one is reported again; no event. */
        VIOLATION_CLEARED,
        /** The pool stands otherwise with the policy (or another rule judges it): recorded for the compliance summary; no event. */
        STANDING,
        /** The pool is exempt, and was not when last judged (or never seen): reported with the outcome that says why. */
        EXEMPTION_STARTED,
        /** The pool was exempt when last judged, and is judged by the policy again. */
        EXEMPTION_ENDED
    }

    public Transition {
        changes = changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
    }

    /**
     * The events this transition reports: one Pool Status Changed per discovery, status change or
     * deletion, one Pool Retention Drifted per drift, naming the call that made it when {@code callOf}
     * knows it (null: not known, or not yet), one Pool Exemption Ended when an exemption ended, naming
     * who untagged the pool when {@code callOf} knows it. A violation, and an exemption that started,
     * are reported with the outcome that caused them.
     */
    public List<EventDetail> reported(TriggeredBy trigger, Function<Change, RecordedCall> callOf) {
        List<EventDetail> events = new ArrayList<>(2);
        PoolSight now = current.sight();
        for (Change change : changes) {
            switch (change) {
                case VIOLATION, VIOLATION_CLEARED, STANDING, EXEMPTION_STARTED -> { } // with the outcome, or not at all
                case EXEMPTION_ENDED -> {
                    PoolExemptionEnded ended = PoolExemptionEnded.of(now, current.standing().rule(), trigger);
                    RecordedCall call = callOf.apply(change);
                    events.add(call == null ? ended : ended.madeBy(call.actor()));
                }
                case RETENTION_DRIFTED -> {
                    PoolRetentionDrifted drift = PoolRetentionDrifted.of(previous.retentionHours(), now, trigger);
                    RecordedCall call = callOf.apply(change);
                    events.add(call == null ? drift : drift.madeBy(call));
                }
                case DISCOVERED, STATUS_CHANGED, DELETED -> events.add(PoolStatusChanged.builder(
                        PoolStatusChanged.Change.valueOf(change.name()), now).trigger(trigger)
                        .previousStatus(previous == null || previous.deleted() ? null : previous.status()).build());
            }
        }
        return events;
    }

    public static Transition none(Observation previous, Observation current) {
        return new Transition(previous, current, Set.of());
    }

    /**
     * The changes from {@code previous} (null: never seen) to {@code current}. An observation older
     * than the one recorded is stale and changes nothing. A retention difference is drift unless it
     * is the value this service is setting ({@code intendedHours}, recorded before the update).
     */
    public static Transition between(Observation previous, Observation current) {
        if (previous == null) {
            Set<Change> changes = EnumSet.of(current.deleted() ? Change.DELETED : Change.DISCOVERED);
            if (current.violation() != null) {
                changes.add(Change.VIOLATION);
            }
            if (current.standing() != null && current.standing().exempt()) {
                changes.add(Change.EXEMPTION_STARTED); // found exempt: from now on out of the policy's reach
            }
            return new Transition(null, current, changes);
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
            if (!Objects.equals(previous.retentionHours(), current.retentionHours())
                    && !Objects.equals(previous.intendedHours(), current.retentionHours())) {
                changes.add(Change.RETENTION_DRIFTED); // not the value this service is setting
            }
        }
        if (current.violation() != null && !current.violation().equals(previous.violation())) {
            changes.add(Change.VIOLATION);
        } else if (current.violation() == null && previous.violation() != null) {
            changes.add(Change.VIOLATION_CLEARED);
        }
        if (current.standing() != null && !current.standing().equals(previous.standing())) {
            changes.add(Change.STANDING);
            boolean exemptNow = current.standing().exempt();
            if (exemptNow != (previous.standing() != null && previous.standing().exempt())) {
                changes.add(exemptNow ? Change.EXEMPTION_STARTED : Change.EXEMPTION_ENDED);
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
