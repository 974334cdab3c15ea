package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one trigger observed and will publish: each observation is recorded as it is made (so each
 * transition is reported once), its events are queued and published together at the end. Per-pool
 * state failures are kept, never thrown: they make the trigger worth retrying.
 */
final class Journal {
    private final Trigger trigger;
    /** Replaced, before any pool is read, by one reading ahead when a sweep has listed its pools. */
    private volatile PoolStateTracker tracker;
    private final EventPublisher publisher;
    private final Clock clock;
    private final List<GuardEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stateErrors = Collections.synchronizedList(new ArrayList<>());

    Journal(Trigger trigger, PoolStateTracker tracker, EventPublisher publisher, Clock clock) {
        this.trigger = trigger;
        this.tracker = tracker;
        this.publisher = publisher;
        this.clock = clock;
    }

    void add(GuardEvent event) {
        events.add(event);
    }

    RunListener listener(String runId) {
        return new RunListener() {
            @Override
            public void listed(List<PoolRef> pools) {
                tracker = tracker.readingAhead(pools.stream().map(PoolRef::arn).filter(Objects::nonNull).toList());
            }

            @Override
            public void beforeUpdate(Pool pool, Instant readAt, int hours) {
                Journal.this.beforeUpdate(pool, readAt, hours);
            }

            @Override
            public void outcome(PoolOutcome outcome) {
                record(outcome, runId);
            }
        };
    }

    /**
     * What was found (a discovery, a drift) is recorded before an update, marked with the retention
     * about to be set; if the store fails, the update still goes ahead.
     */
    void beforeUpdate(Pool pool, Instant readAt, int hours) {
        track(pool.arn(), () -> tracker.observeBeforeUpdate(Observation.of(pool, readAt), hours));
    }

    /** Records a retention this service set, so that seeing it next time is no drift. */
    void updated(Observation afterUpdate) {
        try {
            tracker.recordEnforced(afterUpdate);
        } catch (StateStoreException e) {
            stateErrors.add(afterUpdate.arn() + ": " + e.getMessage());
        }
    }

    Transition observe(Observation observation) {
        return track(observation.arn(), () -> tracker.observe(observation));
    }

    /** Records an observation and queues the events of its transition; a store failure is kept. */
    private Transition track(String arn, Supplier<Transition> recording) {
        try {
            Transition transition = recording.get();
            events.addAll(EventCatalog.forTransition(transition, trigger));
            return transition;
        } catch (StateStoreException e) {
            stateErrors.add(arn + ": " + e.getMessage());
            return Transition.none(null, null);
        }
    }

    /**
     * An update made is always reported (the pool was observed before it, see listener); a
     * violation when the pool enters it. Observed as of the moment its read began, enforced as
     * of the update's answer.
     */
    void record(PoolOutcome outcome, String runId) {
        Instant now = clock.instant();
        if (outcome.observed() == null) {
            return;
        }
        Observation observed = Observation.of(outcome.observed(), outcome.observedAt())
                .withViolation(EventCatalog.violationOf(outcome));
        if (outcome.kind() != PoolOutcome.Kind.ENFORCED) {
            if (observe(observed).has(Transition.Change.VIOLATION)) {
                events.add(EventCatalog.violation(outcome, runId, trigger, now));
            }
        } else {
            events.add(EventCatalog.enforced(outcome, runId, trigger, now));
            updated(observed.enforced(outcome.toHours(), now));
        }
    }

    RunResult publish(RunReport report, RunResult.PolicyProblem policyProblem) {
        List<GuardEvent> unpublished = unpublishedOf(events);
        Set<GuardEvent> left = new HashSet<>(unpublished); // a hash lookup per event, on any fleet
        List<GuardEvent> published = events.stream().filter(e -> !left.contains(e)).toList();
        return new RunResult(trigger, report, policyProblem, published, unpublished, stateErrors);
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
