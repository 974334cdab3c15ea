package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one trigger observed and will publish: each observation is recorded as it is made (so each
 * transition is reported once), with its events in the pool's outbox; the events are published
 * together at the end, then dropped from the outboxes. Per-pool state failures are kept, never
 * thrown: they make the trigger worth retrying.
 */
final class Journal {
    /** Outboxes emptied at once after publishing: the writes wait on the network. */
    private static final int CLEARING_CONCURRENCY = 16;

    private final Trigger trigger;
    /** Replaced, before any pool is read, by one reading ahead when a sweep lists its first page. */
    private volatile PoolStateTracker tracker;
    /** Only the thread that lists writes this. */
    private boolean readingAhead;
    private final EventPublisher publisher;
    private final Clock clock;
    /** Until when this run owns the events it writes to outboxes: after that they are anyone's to publish. */
    private final Instant publishBy;
    private final List<GuardEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** Per pool, the ids this run put in its outbox (or took over), to drop once published. */
    private final Map<String, Set<String>> outboxed = new ConcurrentHashMap<>();
    private final List<String> stateErrors = Collections.synchronizedList(new ArrayList<>());
    /** Per pool about to be updated, its record as written just before: the write after needs no read. */
    private final Map<String, StateStore.Versioned> writtenBeforeUpdate = new ConcurrentHashMap<>();

    Journal(Trigger trigger, PoolStateTracker tracker, EventPublisher publisher, Clock clock) {
        this.trigger = trigger;
        this.tracker = tracker;
        this.publisher = publisher;
        this.clock = clock;
        this.publishBy = clock.instant().plus(trigger.timeLeft());
    }

    /** An event of the run itself (no pool state behind it): published with the others, not kept. */
    void add(GuardEvent event) {
        events.add(event);
    }

    RunListener listener(String runId) {
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
            }
        };
    }

    /**
     * What was found (a discovery, a drift) is recorded before an update, marked with the retention
     * about to be set and with {@code prepared}, the event reporting the update should this run die
     * before publishing it; if the store fails, the update still goes ahead.
     */
    void beforeUpdate(Pool pool, Instant readAt, int hours, GuardEvent prepared) {
        track(pool.arn(), () -> {
            PoolStateTracker.Recorded recorded = tracker.observeBeforeUpdate(Observation.of(pool, readAt), hours,
                    prepared, writer(this::eventsOf));
            if (recorded.written() != null) {
                writtenBeforeUpdate.put(pool.arn(), recorded.written());
            }
            return recorded;
        });
        outboxedIn(pool.arn()).add(prepared.eventId());
    }

    /** Records a retention this service set, so that seeing it next time is no drift. */
    void updated(Observation afterUpdate, GuardEvent reported) {
        events.add(reported);
        try {
            tracker.recordEnforced(afterUpdate, reported.eventId(), writtenBeforeUpdate.remove(afterUpdate.arn()));
        } catch (StateStoreException e) {
            stateErrors.add(afterUpdate.arn() + ": " + e.getMessage());
        }
    }

    Transition observe(Observation observation) {
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
            events.addAll(recorded.events());
            recorded.events().forEach(e -> outboxedIn(arn).add(e.eventId()));
            return recorded.transition();
        } catch (StateStoreException e) {
            stateErrors.add(arn + ": " + e.getMessage());
            return Transition.none(null, null);
        }
    }

    private Set<String> outboxedIn(String arn) {
        return outboxed.computeIfAbsent(arn, a -> ConcurrentHashMap.newKeySet());
    }

    /**
     * An update made is always reported (the pool was observed before it, see listener); a
     * violation when the pool enters it, written with the state that records it. Observed as of the
     * moment its read began, enforced as of the update's answer.
     */
    void record(PoolOutcome outcome, String runId) {
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
     * Publishes every event queued, then drops from the outboxes those the bus took and those prepared
     * for updates that did not happen. Those the bus refused stay there for a later run.
     */
    RunResult publish(RunReport report, RunResult.PolicyProblem policyProblem) {
        List<GuardEvent> unpublished = unpublishedOf(events);
        Set<GuardEvent> left = new HashSet<>(unpublished); // a hash lookup per event, on any fleet
        List<GuardEvent> published = events.stream().filter(e -> !left.contains(e)).toList();
        clearOutboxes(unpublished);
        return new RunResult(trigger, report, policyProblem, published, unpublished, stateErrors);
    }

    private void clearOutboxes(List<GuardEvent> unpublished) {
        Set<String> keep = new HashSet<>();
        unpublished.forEach(e -> keep.add(e.eventId()));
        List<Map.Entry<String, Set<String>>> pools = new ArrayList<>(outboxed.entrySet());
        Workers.map(pools, CLEARING_CONCURRENCY, pool -> {
            Set<String> done = new HashSet<>(pool.getValue());
            done.removeAll(keep);
            try {
                if (!done.isEmpty()) {
                    tracker.published(pool.getKey(), done);
                }
            } catch (StateStoreException e) {
                // left in the outbox: a later run publishes them again under the same ids
            }
            return null;
        });
    }

    private List<GuardEvent> unpublishedOf(List<GuardEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            publisher.publish(batch);
            return List.of();
        } catch (EventPublishException e) {
            return e.unpublished();
        }
    }
}
