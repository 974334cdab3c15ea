package kvspoolguard.core.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.state.StateStoreException;

/**
 * A run's events on their way to the bus while the run goes on. A pool's events are handed over
 * once the run is done with the pool, and go out in batches of about {@link #BATCH} (a pool's
 * events stay together), up to {@link #IN_FLIGHT} batches at a time; once the bus has a batch, the
 * outboxes of its pools are emptied of those events (and of events of intended updates that were
 * not made). What the bus refused stays in the outboxes for a later run. So when the last pool is
 * done, most of the run's events are already out, and a run that dies midway leaves less behind.
 * Every event kept in an outbox reaches the bus this one way, whichever outbox keeps it (a pool's
 * state record, or its calls for the attributions of its drifts): this is the one clearing path.
 */
public final class EventRelay {

    /** The most entries of one PutEvents. */
    static final int BATCH = 10;
    static final int IN_FLIGHT = 8;

    /**
     * What a run leaves of one pool: its events to publish and the ids this run put in (or took
     * over from) its outbox, to drop once published. A null ARN: events of the run itself, in no outbox.
     */
    public record Handover(String arn, List<GuardEvent> events, Set<String> outboxed) {
        public Handover {
            events = List.copyOf(events);
            outboxed = Set.copyOf(outboxed);
        }
    }

    /** The events the bus took, and those it refused after the publisher's retries. */
    public record Sent(List<GuardEvent> published, List<GuardEvent> unpublished) {
    }

    private final EventPublisher publisher;
    /**
     * Drops published ids from a pool's outbox (its state record's, or its calls'); throws
     * {@link StateStoreException} when it cannot.
     */
    private final BiConsumer<String, Set<String>> clearOutbox;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(Threads.virtual("event-sender"));
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<Future<?>> sending = Collections.synchronizedList(new ArrayList<>());
    private final List<GuardEvent> published = Collections.synchronizedList(new ArrayList<>());
    private final List<GuardEvent> unpublished = Collections.synchronizedList(new ArrayList<>());
    /** Handovers not yet sent, and how many events they hold; guarded by this. */
    private List<Handover> waiting = new ArrayList<>();
    private int waitingEvents;

    public EventRelay(EventPublisher publisher, BiConsumer<String, Set<String>> clearOutbox) {
        this.publisher = publisher;
        this.clearOutbox = clearOutbox;
    }

    /**
     * Publishes events about pools, each kept in its pool's outbox, and clears them from there once
     * the bus has them (those it refuses stay, for a later delivery to publish).
     */
    public static Sent sendKept(EventPublisher publisher, BiConsumer<String, Set<String>> clearOutbox,
                                List<GuardEvent> kept) {
        Map<String, List<GuardEvent>> byPool = new LinkedHashMap<>();
        kept.forEach(e -> byPool.computeIfAbsent(e.resources().getFirst(), arn -> new ArrayList<>()).add(e));
        List<Handover> pools = new ArrayList<>();
        byPool.forEach((arn, events) -> pools.add(new Handover(arn, events,
                events.stream().map(GuardEvent::eventId).collect(Collectors.toSet()))));
        return new EventRelay(publisher, clearOutbox).finish(pools, List.of());
    }

    /** A pool the run is done with: its events go out with the next batch. */
    public void hand(Handover handover) {
        List<Handover> full = null;
        List<Handover> after = null;
        synchronized (this) {
            if (waitingEvents > 0 && waitingEvents + handover.events().size() > BATCH) {
                full = takeWaiting();
            }
            waiting.add(handover);
            waitingEvents += handover.events().size();
            if (waitingEvents >= BATCH) {
                after = takeWaiting();
            }
        }
        send(full);
        send(after);
    }

    /**
     * Sends what is still waiting, waits until every batch has been answered, then publishes the
     * run's own events: a run's summary reaches the bus after its pools' events.
     *
     * @throws RuntimeException what a batch's sending threw, other than the bus's refusal
     */
    public Sent finish(List<Handover> rest, List<GuardEvent> runEvents) {
        rest.forEach(this::hand);
        List<Handover> last;
        synchronized (this) {
            last = takeWaiting();
        }
        send(last);
        senders.close();
        sending.forEach(Workers::join);
        if (!runEvents.isEmpty()) {
            deliver(List.of(new Handover(null, runEvents, Set.of())));
        }
        return new Sent(List.copyOf(published), List.copyOf(unpublished));
    }

    private List<Handover> takeWaiting() {
        List<Handover> taken = waiting;
        waiting = new ArrayList<>();
        waitingEvents = 0;
        return taken;
    }

    private void send(List<Handover> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        inFlight.acquireUninterruptibly();
        sending.add(senders.submit(() -> {
            try {
                deliver(batch);
            } finally {
                inFlight.release();
            }
        }));
    }

    private void deliver(List<Handover> batch) {
        List<GuardEvent> events = batch.stream().flatMap(h -> h.events().stream()).toList();
        List<GuardEvent> refused = List.of();
        if (!events.isEmpty()) {
            try {
                publisher.publish(events);
            } catch (EventPublishException e) {
                refused = e.unpublished();
            }
        }
        Set<String> kept = new HashSet<>();
        refused.forEach(e -> kept.add(e.eventId()));
        unpublished.addAll(refused);
        events.stream().filter(e -> !kept.contains(e.eventId())).forEach(published::add);
        for (Handover pool : batch) {
            Set<String> done = new HashSet<>(pool.outboxed());
            done.removeAll(kept);
            if (pool.arn() != null && !done.isEmpty()) {
                try {
                    clearOutbox.accept(pool.arn(), done);
                } catch (StateStoreException e) {
                    // left in the outbox: a later run publishes them again under the same ids
                }
            }
        }
    }
}
