package kvspoolguard.core.run;

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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kvspoolguard.core.attribution.DriftActors;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolExemptionStarted;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.Intent;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;
import kvspoolguard.core.state.UnreadableRecordException;

/**
 * What one trigger observed and will publish: each observation is recorded as it is made (so each
 * transition is reported once), with its events in the pool's outbox; once the run is {@link #done}
 * with a pool, its events go to the bus ({@link EventRelay}, while the run goes on) and are then
 * cleared from the outbox; the trigger's own events go last. Per-pool state failures are kept,
 * never thrown: they make the trigger worth retrying.
 */
public final class Recorder {

    private final Trigger trigger;
    private final PoolStateTracker tracker;
    private final EventRelay relay;
    private final Clock clock;
    /** Until when this trigger holds the lease on the events it writes to outboxes: then they are anyone's. */
    private final Instant leaseEnd;
    /** Events of the trigger itself, published after the pools' ones. */
    private final List<GuardEvent> ownEvents = Collections.synchronizedList(new ArrayList<>());
    /** Per pool not yet handed to the relay, its events and the ids this run put in its outbox (or took over). */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<String> stateErrors = Collections.synchronizedList(new ArrayList<>());
    /** Per pool whose update is intended, its record as written with the intent: the write after needs no read. */
    private final Map<String, StateStore.Versioned> writtenWithIntent = new ConcurrentHashMap<>();
    private final EventPublisher publisher;
    private final DriftActors actors;
    /** Events published as soon as they were made, before what they announce was done. */
    private final List<GuardEvent> announced = Collections.synchronizedList(new ArrayList<>());
    private final List<GuardEvent> unannounced = Collections.synchronizedList(new ArrayList<>());
    /** Drifts this run reported, by event id, with when the pool was seen before each. */
    private final Map<String, Instant> drifts = new ConcurrentHashMap<>();

    /** One pool's events of this run, and the ids to clear from its outbox once they are out. */
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

    /** How a trigger's events go out: on {@code publisher}, with who made each drift ({@code actors}), by {@code clock}. */
    public record Reporting(EventPublisher publisher, DriftActors actors, Clock clock) {
    }

    /** {@code tracker}: reading ahead for a sweep ({@link PoolStateTracker#readingAhead}), plain otherwise. */
    public Recorder(Trigger trigger, PoolStateTracker tracker, Reporting reporting) {
        EventPublisher publisher = reporting.publisher();
        Clock clock = reporting.clock();
        this.trigger = trigger;
        this.publisher = publisher;
        this.actors = reporting.actors();
        this.tracker = tracker;
        this.relay = new EventRelay(publisher, tracker::clearOutbox);
        this.clock = clock;
        this.leaseEnd = clock.instant().plus(trigger.timeLeft());
    }

    public Trigger trigger() {
        return trigger;
    }

    /** The time by this recorder's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** A sweep listed these pools: their records are read together. */
    void listed(List<PoolRef> page) {
        tracker.listed(page.stream().map(PoolRef::arn).filter(Objects::nonNull).toList());
    }

    /** An event of the trigger itself (no pool state behind it): published after the pools' events, not kept. */
    public void add(GuardEvent event) {
        ownEvents.add(event);
    }

    /**
     * Publishes these events now, before what they announce is done (a stream's change, which
     * deletes audio at once when it lowers it): true when the bus took every one; false when it did
     * not, and what they announce must then not be done.
     */
    boolean announce(List<GuardEvent> events) {
        try {
            publisher.publish(events);
            announced.addAll(events);
            return true;
        } catch (EventPublishException e) {
            Set<String> refused = new HashSet<>();
            e.unpublished().forEach(u -> refused.add(u.eventId()));
            events.forEach(event -> (refused.contains(event.eventId()) ? unannounced : announced).add(event));
            return false;
        }
    }

    public Transition observe(Observation observation) {
        return track(observation.arn(), () -> record(writer -> tracker.observe(observation, writer), (t, c) -> List.of()));
    }

    /**
     * Before an update: what was {@code seen} (a discovery, a drift, where it will stand) is recorded
     * with the {@code intent}, the retention about to be set and the event reporting it, due should
     * this run die before publishing it; an exemption it starts is reported, by {@code exemption}
     * (null: the pool is not exempt). If the store fails, the update still goes ahead.
     */
    void intend(Observation seen, Intent intent, Verdict.Exempt exemption) {
        track(seen.arn(), () -> {
            PoolStateTracker.Recorded recorded = record(writer -> tracker.recordIntent(seen, intent, writer),
                    (t, calls) -> t.has(Transition.Change.EXEMPTION_STARTED) && exemption != null
                            ? List.of(calls.started(t, exemption, trigger.triggeredBy())) : List.of());
            if (recorded.written() != null) {
                writtenWithIntent.put(seen.arn(), recorded.written());
            }
            return recorded;
        });
        pendingOf(seen.arn()).outboxed().add(intent.report().eventId());
    }

    /** After an update: the retention this service set, so that seeing it next time is no drift, and its report. */
    void updated(Observation afterUpdate, GuardEvent report) {
        pendingOf(afterUpdate.arn()).events().add(report);
        try {
            tracker.recordUpdate(afterUpdate, report.eventId(), writtenWithIntent.remove(afterUpdate.arn()));
        } catch (StateStoreException e) {
            stateErrors.add(afterUpdate.arn() + ": " + e.getMessage());
        }
    }

    /**
     * A pool's outcome, other than an update made (which {@link #updated} recorded): a violation is
     * reported when the pool enters it, written with the state that records it; observed as of the
     * moment its read began.
     */
    void outcome(PoolOutcome outcome, String runId) {
        if (outcome.observed() == null || outcome.kind() == PoolOutcome.Kind.ENFORCED) {
            return;
        }
        Instant now = clock.instant();
        Observation observed = Observation.of(outcome.observed(), outcome.observedAt())
                .withViolation(outcome.violation()).withStanding(outcome.standing());
        track(observed.arn(), () -> record(writer -> tracker.observe(observed, writer), (t, calls) -> {
            List<GuardEvent> more = new ArrayList<>(1);
            if (t.has(Transition.Change.VIOLATION)) {
                more.add(new GuardEvent(now, outcome.violationEvent(runId, trigger)));
            }
            if (t.has(Transition.Change.EXEMPTION_STARTED) && outcome.verdict() instanceof Verdict.Exempt exempt) {
                more.add(calls.started(t, exempt, trigger.triggeredBy()));
            }
            return more;
        }));
    }

    /** The run is done with this pool: its events may go. */
    void done(String arn) {
        Pending pool = pending.remove(arn);
        if (pool != null) {
            relay.hand(pool.handover(arn));
        }
    }

    /**
     * Records through {@code write}, the transition's events followed by {@code more} of them. A
     * drift, or an exemption that started or ended, is held back the first time: the call that made
     * it (an Update; a TagResource or UntagResource) is looked up, outside the tracker's conditional
     * write, and the write made again knowing it (a drift that a concurrent writer changes meanwhile
     * is judged against the call found, or goes without an actor: see {@link DriftActors#published}).
     */
    private PoolStateTracker.Recorded record(Function<PoolStateTracker.Writer, PoolStateTracker.Recorded> write,
                                             BiFunction<Transition, Calls, List<GuardEvent>> more) {
        Predicate<Transition> unknownActor = t -> actors != DriftActors.NONE && (t.has(Transition.Change.RETENTION_DRIFTED)
                || t.has(Transition.Change.EXEMPTION_STARTED) || t.has(Transition.Change.EXEMPTION_ENDED));
        PoolStateTracker.Recorded recorded = write.apply(new PoolStateTracker.Writer(t -> eventsOf(t, Calls.NONE, more),
                leaseEnd, unknownActor));
        if (!recorded.held()) {
            return recorded;
        }
        Transition held = recorded.transition();
        boolean exemption = held.has(Transition.Change.EXEMPTION_STARTED) || held.has(Transition.Change.EXEMPTION_ENDED);
        Calls calls = new Calls(held.has(Transition.Change.RETENTION_DRIFTED) ? actors.explaining(held) : null,
                exemption ? actors.tagging(held) : null);
        return write.apply(new PoolStateTracker.Writer(t -> eventsOf(t, calls, more), leaseEnd, t -> false));
    }

    /** The calls that made a transition: the Update of a drift, the tagging of an exemption (null: none known). */
    private record Calls(PoolCall drift, PoolCall tagging) {
        static final Calls NONE = new Calls(null, null);

        /** Who tagged the pool, for an exemption by its tag that started. */
        Actor tagger(Verdict.Exempt exemption) {
            return exemption.basis() == Verdict.Exempt.Basis.TAG && tagging != null
                    && tagging.action() == PoolCall.Action.TAG ? tagging.actor() : null;
        }

        /** Who untagged the pool, for an exemption that ended. */
        RecordedCall untagger() {
            return tagging != null && tagging.action() == PoolCall.Action.UNTAG ? tagging.changedBy() : null;
        }

        /** Pool Exemption Started of {@code t}, exempt by {@code exemption}. */
        GuardEvent started(Transition t, Verdict.Exempt exemption, TriggeredBy trigger) {
            var why = new PoolExemptionStarted.Why(exemption.basis().name(), exemption.reason(), exemption.until(),
                    tagger(exemption));
            return new GuardEvent(t.current().observedAt(), PoolExemptionStarted.of(t.current().sight(), why, trigger));
        }
    }

    private List<GuardEvent> eventsOf(Transition transition, Calls calls,
                                      BiFunction<Transition, Calls, List<GuardEvent>> more) {
        PoolCall call = calls.drift();
        List<GuardEvent> events = new ArrayList<>(transition.reported(trigger.triggeredBy(), change -> switch (change) {
                    case RETENTION_DRIFTED -> call != null && call.explains(transition.current().retentionHours(),
                            transition.previous().observedAt(), transition.current().observedAt()) ? call.changedBy() : null;
                    case EXEMPTION_ENDED -> calls.untagger();
                    default -> null;
                }).stream()
                .map(detail -> new GuardEvent(transition.current().observedAt(), detail)).toList());
        events.stream().filter(e -> e.type() == EventType.POOL_RETENTION_DRIFTED)
                .forEach(e -> drifts.put(e.eventId(), transition.previous().observedAt()));
        events.addAll(more.apply(transition, calls));
        return events;
    }

    /** A write of the run's record; its failure is kept as the pools' store failures are. */
    public void runRecord(String runId, Runnable write) {
        try {
            write.run();
        } catch (StateStoreException e) {
            stateErrors.add("run " + runId + ": " + e.getMessage());
        }
    }

    /** Something the trigger could not do (record its run, queue a step): kept as a store failure is. */
    public void leftUndone(String what) {
        stateErrors.add(what);
    }

    /** Records an observation and queues its events; a store failure is kept. */
    private Transition track(String arn, Supplier<PoolStateTracker.Recorded> recording) {
        try {
            PoolStateTracker.Recorded recorded = recording.get();
            Pending pool = pendingOf(arn);
            pool.events().addAll(recorded.events());
            recorded.events().forEach(e -> pool.outboxed().add(e.eventId()));
            return recorded.transition();
        } catch (UnreadableRecordException e) {
            throw e; // not passing: the pool is set aside (see Enforcer), never retried for it
        } catch (StateStoreException e) {
            stateErrors.add(arn + ": " + e.getMessage());
            return Transition.none(null, null);
        }
    }

    private Pending pendingOf(String arn) {
        return pending.computeIfAbsent(arn, a -> new Pending());
    }

    /** {@link #publish(RunReport, Problem)} for a trigger that made no run and met no problem. */
    public TriggerResult publish() {
        return publish(null, null);
    }

    /** {@link #publish(RunReport, Problem)} for a trigger that {@code problem} stopped before any run. */
    public TriggerResult publish(Problem problem) {
        return publish(null, problem);
    }

    /**
     * Publishes what the run has not handed over yet (pools it was not done with, its own events last)
     * and waits until the bus has answered for every event of the trigger; events the bus refused stay
     * in the outboxes for a later run.
     */
    public TriggerResult publish(RunReport report, Problem problem) {
        List<EventRelay.Handover> rest = new ArrayList<>();
        pending.keySet().forEach(arn -> {
            Pending pool = pending.remove(arn);
            if (pool != null) {
                rest.add(pool.handover(arn));
            }
        });
        EventRelay.Sent sent = relay.finish(rest, List.copyOf(ownEvents));
        List<GuardEvent> published = new ArrayList<>(announced);
        published.addAll(sent.published());
        List<GuardEvent> unpublished = new ArrayList<>(unannounced);
        unpublished.addAll(sent.unpublished());
        attributeLate(sent.published(), published, unpublished);
        return TriggerResult.builder(trigger).report(report).problem(problem).published(published)
                .unpublished(unpublished).stateErrors(stateErrors).build();
    }

    /**
     * The drifts published: their calls claimed, and for those published without an actor whose
     * call was recorded meanwhile, their Pool Drift Attributed events now (those the bus refuses
     * stay with the pool's calls).
     */
    private void attributeLate(List<GuardEvent> sent, List<GuardEvent> published, List<GuardEvent> unpublished) {
        List<DriftActors.Drift> made = sent.stream()
                .filter(e -> e.detail() instanceof PoolRetentionDrifted && drifts.containsKey(e.eventId()))
                .map(e -> new DriftActors.Drift((PoolRetentionDrifted) e.detail(), drifts.get(e.eventId()))).toList();
        if (made.isEmpty()) {
            return;
        }
        List<GuardEvent> attributed;
        try {
            attributed = actors.published(made, trigger.triggeredBy());
        } catch (StateStoreException e) {
            stateErrors.add("calls of the drifted pools: " + e.getMessage());
            return;
        }
        if (attributed.isEmpty()) {
            return;
        }
        EventRelay.Sent sentToo = EventRelay.sendKept(publisher, actors::cleared, attributed);
        published.addAll(sentToo.published());
        unpublished.addAll(sentToo.unpublished());
    }
}
