package kvspoolguard.core.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import kvspoolguard.core.RunResult;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;

/**
 * What one trigger observed and will publish: each observation is recorded as it is made (so each
 * transition is reported once), with its events in the pool's outbox; once the run is done with a
 * pool, its events go to the bus ({@link EventRelay}, while the run goes on) and are then dropped
 * from the outbox; the run's own events go last. Per-pool state failures are kept, never thrown:
 * they make the trigger worth retrying.
 */
public final class Journal {

    private final Trigger trigger;
    /** Replaced, before any pool is read, by one reading ahead when a sweep lists its first page. */
    private volatile PoolStateTracker tracker;
    /** Only the thread that lists writes this. */
    private boolean readingAhead;
    private final EventRelay relay;
    private final Clock clock;
    /** Until when this run owns the events it writes to outboxes: after that they are anyone's to publish. */
    private final Instant publishBy;
    /** Events of the run itself, published after the pools' ones. */
    private final List<GuardEvent> runEvents = Collections.synchronizedList(new ArrayList<>());
    /** Per pool not yet handed to the relay, its events and the ids this run put in its outbox (or took over). */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<String> stateErrors = Collections.synchronizedList(new ArrayList<>());
    /** Per pool about to be updated, its record as written just before: the write after needs no read. */
    private final Map<String, StateStore.Versioned> writtenBeforeUpdate = new ConcurrentHashMap<>();

    /** One pool's events of this run, and the ids to drop from its outbox once they are out. */
    private record Pending(List<GuardEvent> events, Set<String> outboxed) {
        Pending() {
            this(Collections.synchronizedList(new ArrayList<>()), ConcurrentHashMap.newKeySet());
        }

        EventRelay.Handover handover(String arn) {
            synchronized (events) {
                return new EventRelay.Handover(arn, events, outboxed);
            }
        }
    }

    public Journal(Trigger trigger, PoolStateTracker tracker, EventPublisher publisher, Clock clock) {
        this.trigger = trigger;
        this.tracker = tracker;
        this.relay = new EventRelay(publisher, (arn, ids) -> this.tracker.published(arn, ids));
        this.clock = clock;
        this.publishBy = clock.instant().plus(trigger.timeLeft());
    }

    /** An event of the run itself (no pool state behind it): published after the pools' events, not kept. */
    public void add(GuardEvent event) {
        runEvents.add(event);
    }

    public RunListener listener(String runId) {
        return new RunListener() {
            @Override
            public void listed(List<PoolRef> page) {
                if (!readingAhead) { // the first page, before any pool is read
                    tracker = tracker.readingAhead();
                    readingAhead = true;
                }
                tracker.listed(page.stream().map(PoolRef::arn).filter(Objects::nonNull).toList());
            }

            @Override
            public void beforeUpdate(PoolOutcome intended, Instant readAt) {
                Pool pool = intended.observed();
                Journal.this.beforeUpdate(pool, readAt, intended.toHours(),
                        EventCatalog.enforced(intended, runId, trigger, clock.instant()));
            }

            @Override
            public void outcome(PoolOutcome outcome) {
                record(outcome, runId);
                if (outcome.observed() != null) {
                    done(outcome.observed().arn());
                }
            }
        };
    }

    /**
     * What was found (a discovery, a drift) is recorded before an update, marked with the retention
     * about to be set and with {@code prepared}, the event reporting the update should this run die
     * before publishing it; if the store fails, the update still goes ahead.
     */
    public void beforeUpdate(Pool pool, Instant readAt, int hours, GuardEvent prepared) {
        track(pool.arn(), () -> {
            PoolStateTracker.Recorded recorded = tracker.observeBeforeUpdate(Observation.of(pool, readAt), hours,
                    prepared, writer(this::eventsOf));
            if (recorded.written() != null) {
                writtenBeforeUpdate.put(pool.arn(), recorded.written());
            }
            return recorded;
        });
        pendingOf(pool.arn()).outboxed().add(prepared.eventId());
    }

    /** Records a retention this service set, so that seeing it next time is no drift. */
    public void updated(Observation afterUpdate, GuardEvent reported) {
        pendingOf(afterUpdate.arn()).events().add(reported);
        try {
            tracker.recordEnforced(afterUpdate, reported.eventId(), writtenBeforeUpdate.remove(afterUpdate.arn()));
        } catch (StateStoreException e) {
            stateErrors.add(afterUpdate.arn() + ": " + e.getMessage());
        }
    }

    public Transition observe(Observation observation) {
        return track(observation.arn(), () -> tracker.observe(observation, writer(this::eventsOf)));
    }

    private PoolStateTracker.Writer writer(Function<Transition, List<GuardEvent>> eventsOf) {
        return new PoolStateTracker.Writer(eventsOf, publishBy);
    }

    private List<GuardEvent> eventsOf(Transition transition) {
        return EventCatalog.forTransition(transition, trigger);
    }

    /** Records an observation and queues its events; a store failure is kept. */
    private Transition track(String arn, Supplier<PoolStateTracker.Recorded> recording) {
        try {
            PoolStateTracker.Recorded recorded = recording.get();
            Pending pool = pendingOf(arn);
            pool.events().addAll(recorded.events());
            recorded.events().forEach(e -> pool.outboxed().add(e.eventId()));
            return recorded.transition();
        } catch (StateStoreException e) {
            stateErrors.add(arn + ": " + e.getMessage());
            return Transition.none(null, null);
        }
    }

    private Pending pendingOf(String arn) {
        return pending.computeIfAbsent(arn, a -> new Pending());
    }

    /** The run is done with this pool: its events may go. */
    private void done(String arn) {
        Pending pool = pending.remove(arn);
        if (pool != null) {
            relay.hand(pool.handover(arn));
        }
    }

    /**
     * An update made is always reported (the pool was observed before it, see listener); a
     * violation when the pool enters it, written with the state that records it. Observed as of the
     * moment its read began, enforced as of the update's answer.
     */
    public void record(PoolOutcome outcome, String runId) {
        Instant now = clock.instant();
        if (outcome.observed() == null) {
            return;
        }
        Observation observed = Observation.of(outcome.observed(), outcome.observedAt())
                .withViolation(EventCatalog.violationOf(outcome));
        if (outcome.kind() != PoolOutcome.Kind.ENFORCED) {
            track(observed.arn(), () -> tracker.observe(observed, writer(t -> {
                List<GuardEvent> made = new ArrayList<>(eventsOf(t));
                if (t.has(Transition.Change.VIOLATION)) {
                    made.add(EventCatalog.violation(outcome, runId, trigger, now));
                }
                return made;
            })));
        } else {
            updated(observed.enforced(outcome.toHours(), now), EventCatalog.enforced(outcome, runId, trigger, now));
        }
    }

    /**
     * Publishes what the run has not handed over yet (pools it was not done with, its own events last)
     * and waits until the bus has answered for every event of the run; events the bus refused stay
     * in the outboxes for a later run.
     */
    public RunResult publish(RunReport report, RunResult.PolicyProblem policyProblem) {
        List<EventRelay.Handover> rest = new ArrayList<>();
        pending.keySet().forEach(arn -> {
            Pending pool = pending.remove(arn);
            if (pool != null) {
                rest.add(pool.handover(arn));
            }
        });
        EventRelay.Sent sent = relay.finish(rest, List.copyOf(runEvents));
        return new RunResult(trigger, report, policyProblem, sent.published(), sent.unpublished(), stateErrors);
    }
}
