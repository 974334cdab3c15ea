package kvspoolguard.core.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import kvspoolguard.core.events.GuardEvent;

/**
 * Turns observations into transitions, each emitted once: read the last record, compute the
 * transition, write conditionally; a writer that loses the race re-reads and finds the transition
 * already recorded (so it gets an empty one). Stale observations are never written.
 *
 * <p>The events of a transition are written in the same record as the state, in its outbox, and
 * dropped only once the bus has them ({@link StateStore#clearOutbox}): a run that dies in between
 * leaves them for the next reader of the pool after the dead run's deadline, who publishes them
 * under the same ids. So a transition recorded is a transition reported, whatever kills a run.
 */
public final class PoolStateTracker {

    /**
     * What recording an observation gave: its transition, the events to publish for it now, and
     * the record as this write left it (null when nothing was written). {@code held}: nothing was
     * written, because the writer asked to learn more of this transition first.
     */
    public record Recorded(Transition transition, List<GuardEvent> events, StateStore.Versioned written,
                           boolean held) {
        public Recorded {
            events = List.copyOf(events);
        }

        Recorded(Transition transition, List<GuardEvent> events, StateStore.Versioned written) {
            this(transition, events, written, false);
        }

        /** A transition handed back unwritten: the writer holds it. */
        static Recorded held(Transition transition) {
            return new Recorded(transition, List.of(), null, true);
        }
    }

    /**
     * How a run records: the events a transition makes, until when the run owns those it writes, and
     * which transitions it must learn more of before it can say their events ({@code holds}: a
     * drift whose actor it has not looked up). The tracker calls nothing else while it retries a
     * write: a held transition is handed back unwritten, for the run to look up what it needs and
     * record again with it.
     */
    public record Writer(Function<Transition, List<GuardEvent>> eventsOf, Instant leaseEnd,
                         Predicate<Transition> holds) {

        /** A writer that holds no transition back. */
        public Writer(Function<Transition, List<GuardEvent>> eventsOf, Instant leaseEnd) {
            this(eventsOf, leaseEnd, transition -> false);
        }
    }

    private final StateStore store;
    private final Clock clock;
    /** The store's reads a page at a time, when this tracker reads ahead; null otherwise. */
    private final PagedStateReads ahead;

    public PoolStateTracker(StateStore store, Clock clock) {
        this(store, clock, null);
    }

    private PoolStateTracker(StateStore store, Clock clock, PagedStateReads ahead) {
        this.store = store;
        this.clock = clock;
        this.ahead = ahead;
    }

    /** A tracker over the same store that reads the records of pools {@link #listed} together a page at a time. */
    public PoolStateTracker readingAhead() {
        PagedStateReads paged = new PagedStateReads(store);
        return new PoolStateTracker(paged, clock, paged);
    }

    /** These pools were listed together: a tracker reading ahead reads their records together. */
    public void listed(List<String> arns) {
        if (ahead != null) {
            ahead.listed(arns);
        }
    }

    /** Records what was observed and returns the transition it makes (or an empty one) with its events. */
    public Recorded observe(Observation observation, Writer writer) {
        return record(observation, null, writer);
    }

    /**
     * As {@link #observe}, for a pool this service intends to update as {@code intent} says: the
     * record written also carries the intended retention, so that a concurrent run reading the pool
     * between the update and {@link #recordUpdate} sees no drift, and the event reporting the update,
     * due only if the pool is later found with that retention. One read and one write, as observe;
     * what it wrote lets {@link #recordUpdate} write without reading.
     */
    public Recorded recordIntent(Observation observation, Intent intent, Writer writer) {
        return record(observation, intent, writer);
    }

    private Recorded record(Observation sight, Intent intent, Writer writer) {
        return ConditionalWrites.retried("state of " + sight.arn(), "record it", attempt -> {
            var last = store.read(sight.arn());
            Observation previous = last.map(StateStore.Versioned::observation).orElse(null);
            Observation observation = standingKept(previous, sight);
            Transition transition = Transition.between(previous, observation);
            // overdue events are judged against the freshest sight of the pool (a stale read is not)
            boolean stale = previous != null && observation.observedAt().isBefore(previous.observedAt());
            Outbox outbox = Outbox.of(last.map(StateStore.Versioned::outbox).orElse(List.of()),
                    stale ? previous : observation, new Lease(clock.instant(), writer.leaseEnd()));
            // nothing new (or a stale read): the record stays as it is, intents of runs still going included
            Observation recorded = transition.isEmpty() ? previous : observation;
            if (transition.isEmpty() && intent == null && !outbox.changed()) {
                return Optional.of(new Recorded(transition, List.of(), null));
            }
            if (!transition.isEmpty() && writer.holds().test(transition)) {
                return Optional.of(Recorded.held(transition));
            }
            List<GuardEvent> made = transition.isEmpty() ? List.of() : writer.eventsOf().apply(transition);
            List<OutboxEvent> entries = new ArrayList<>(outbox.kept());
            made.forEach(e -> entries.add(new OutboxEvent(e, writer.leaseEnd(), null)));
            if (intent != null) {
                entries.add(new OutboxEvent(intent.report(), writer.leaseEnd(), intent.hours()));
                recorded = recorded.intending(intent.hours());
            }
            long version = last.map(StateStore.Versioned::version).orElse(0L);
            if (!store.writeIf(recorded, entries, version)) {
                return Optional.empty();
            }
            List<GuardEvent> due = new ArrayList<>(outbox.taken());
            due.addAll(made);
            return Optional.of(new Recorded(transition, due, new StateStore.Versioned(recorded, version + 1, entries)));
        });
    }

    /** A sight that judged nothing keeps the standing recorded before it; a deleted pool stands nowhere. */
    private static Observation standingKept(Observation previous, Observation sight) {
        if (sight.deleted()) {
            return sight.withStanding(null);
        }
        return sight.standing() == null && previous != null ? sight.withStanding(previous.standing()) : sight;
    }

    /**
     * Records a retention this service set, so that seeing it next time is no drift; the event
     * intended for it is now due whatever the pool's retention. Starts from {@code written}, the
     * record as {@link #recordIntent} left it: most often still the stored one, so the write
     * needs no read before it (it reads only if another writer came in between). Null: read it first.
     */
    public void recordUpdate(Observation afterUpdate, String intendedEventId, StateStore.Versioned written) {
        ConditionalWrites.retriedUntil("state of " + afterUpdate.arn(), "record its update", attempt -> {
            var last = attempt == 0 && written != null ? Optional.of(written) : store.read(afterUpdate.arn());
            if (last.isPresent() && afterUpdate.observedAt().isBefore(last.get().observation().observedAt())) {
                return true; // a newer observation is already recorded
            }
            List<OutboxEvent> outbox = last.map(StateStore.Versioned::outbox).orElse(List.of()).stream()
                    .map(e -> e.eventId().equals(intendedEventId) ? e.landed() : e).toList();
            Observation recorded = standingKept(last.map(StateStore.Versioned::observation).orElse(null), afterUpdate);
            return store.writeIf(recorded, outbox, last.map(StateStore.Versioned::version).orElse(0L));
        });
    }

    /** Drops published events (and intended ones never due) from a pool's outbox. */
    public void clearOutbox(String arn, Set<String> eventIds) {
        store.clearOutbox(arn, eventIds);
    }

    /**
     * A record's outbox as a reader finds it: entries of runs still going are kept; overdue ones are
     * taken over (kept, leased to this run, and returned to publish) when what they report is what the
     * pool shows, and dropped otherwise (an intended update that never landed).
     */
    /** The time a write is made ({@code now}), and when the lease of the writer's run ends. */
    private record Lease(Instant now, Instant end) {
    }

    private record Outbox(List<OutboxEvent> kept, List<GuardEvent> taken, boolean changed) {

        static Outbox of(List<OutboxEvent> entries, Observation seen, Lease lease) {
            Instant now = lease.now();
            Instant leaseEnd = lease.end();
            List<OutboxEvent> kept = new ArrayList<>(entries.size());
            List<GuardEvent> taken = new ArrayList<>();
            boolean changed = false;
            for (OutboxEvent entry : entries) {
                if (!entry.leaseEndedBy(now)) {
                    kept.add(entry);
                    continue;
                }
                changed = true;
                if (seen != null && entry.landedIn(seen)) {
                    kept.add(entry.leasedUntil(leaseEnd));
                    taken.add(entry.event());
                }
            }
            return new Outbox(kept, taken, changed);
        }
    }
}
