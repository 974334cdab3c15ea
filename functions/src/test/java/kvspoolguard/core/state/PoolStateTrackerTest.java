package kvspoolguard.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.local.MutableClock;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;

class PoolStateTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static final Trigger TRIGGER = new Trigger(Trigger.Kind.SCHEDULE, "run-1");
    private static final Function<Transition.Change, RecordedCall> NO_ACTOR = change -> null;

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final PoolStateTracker tracker = new PoolStateTracker(store, clock);
    /** A run that owns what it writes for ten minutes from the clock's start. */
    private final PoolStateTracker.Writer writer = writerUntil(T0.plusSeconds(660));

    private static PoolStateTracker.Writer writerUntil(Instant leaseEnd) {
        return new PoolStateTracker.Writer(t -> t.reported(TRIGGER.triggeredBy(), NO_ACTOR).stream()
                .map(d -> new GuardEvent(t.current().observedAt(), d)).toList(), leaseEnd);
    }

    private Transition observe(Observation observation) {
        return tracker.observe(observation, writer).transition();
    }

    private Transition intend(Observation observation, int hours) {
        return tracker.recordIntent(observation, new Intent(hours, intended(observation, hours)), writer).transition();
    }

    private static GuardEvent intended(Observation o, int hours) {
        return SampleDetails.enforced("enforced-" + o.arn() + "-" + hours, o.arn(), hours, o.observedAt());
    }

    private static Observation seen(PoolStatus status, Integer hours, int second) {
        return Observation.of(Pools.pool("p", hours, status, Map.of(), "us-east-1"), T0.plusSeconds(second));
    }

    @Test
    void observe_firstSight_isDiscovery() {
        assertThat(observe(seen(PoolStatus.ACTIVE, 24, 0)).changes())
                .containsExactly(Transition.Change.DISCOVERED);
    }

    @Test
    void observe_sameAgain_isNothing() {
        observe(seen(PoolStatus.ACTIVE, 24, 0));

        assertThat(observe(seen(PoolStatus.ACTIVE, 24, 5)).isEmpty()).isTrue();
    }

    @Test
    void aNewStanding_isRecorded_withoutAnEvent_andASightThatJudgesNothingKeepsIt() {
        Standing compliant = new Standing(Standing.Kind.COMPLIANT, "default");
        Standing exempt = new Standing(Standing.Kind.EXEMPT, null);
        observe(seen(PoolStatus.ACTIVE, 24, 0).withStanding(compliant));

        PoolStateTracker.Recorded recorded = tracker.observe(seen(PoolStatus.ACTIVE, 24, 5).withStanding(exempt),
                writer);

        assertThat(recorded.transition().changes()).containsExactlyInAnyOrder(Transition.Change.STANDING,
                Transition.Change.EXEMPTION_STARTED);
        assertThat(recorded.events()).as("a start is reported with the outcome that says why").isEmpty();
        assertThat(store.read(seen(PoolStatus.ACTIVE, 24, 0).arn())).get()
                .extracting(v -> v.observation().standing()).isEqualTo(exempt);

        // a sight that judged nothing (an API read, a failure report) neither changes nor drops it
        assertThat(observe(seen(PoolStatus.ACTIVE, 24, 9)).isEmpty()).isTrue();
        Transition status = observe(seen(PoolStatus.UPDATING, 24, 12));
        assertThat(status.changes()).containsExactly(Transition.Change.STATUS_CHANGED);
        assertThat(status.current().standing()).isEqualTo(exempt);
        tracker.recordUpdate(seen(PoolStatus.ACTIVE, 24, 15).enforced(48, T0.plusSeconds(16)), "none", null);
        assertThat(store.read(seen(PoolStatus.ACTIVE, 24, 0).arn())).get()
                .extracting(v -> v.observation().standing()).isEqualTo(exempt);
        // a deleted pool stands nowhere
        observe(Observation.deleted(PoolRef.fromArn(seen(PoolStatus.ACTIVE, 24, 0).arn()), T0.plusSeconds(20)));
        assertThat(store.read(seen(PoolStatus.ACTIVE, 24, 0).arn())).get()
                .extracting(v -> v.observation().standing()).isNull();
    }

    @Test
    void observe_statusAndRetentionChange_areBothReported() {
        observe(seen(PoolStatus.ACTIVE, 24, 0));

        Transition t = observe(seen(PoolStatus.UPDATING, 96, 5));

        assertThat(t.changes()).containsExactlyInAnyOrder(Transition.Change.STATUS_CHANGED,
                Transition.Change.RETENTION_DRIFTED);
        assertThat(t.previous().retentionHours()).isEqualTo(24);
    }

    @Test
    void aTransitionTheWriterHolds_isHandedBackUnwritten_soWhatItNeedsIsLookedUpOutsideTheWrite() {
        observe(seen(PoolStatus.ACTIVE, 24, 0));
        int writes = store.writes.get();
        var holdingDrifts = new PoolStateTracker.Writer(writer.eventsOf(), writer.leaseEnd(),
                t -> t.has(Transition.Change.RETENTION_DRIFTED));

        PoolStateTracker.Recorded held = tracker.observe(seen(PoolStatus.ACTIVE, 96, 5), holdingDrifts);
        PoolStateTracker.Recorded same = tracker.observe(seen(PoolStatus.ACTIVE, 24, 6), holdingDrifts);

        assertThat(held.held()).isTrue();
        assertThat(held.transition().changes()).containsExactly(Transition.Change.RETENTION_DRIFTED);
        assertThat(held.events()).isEmpty();
        assertThat(store.writes).as("nothing written for the held drift").hasValue(writes);
        assertThat(store.read(seen(PoolStatus.ACTIVE, 24, 0).arn())).get().extracting(v -> v.observation().retentionHours()).isEqualTo(24);
        assertThat(same.held()).as("a sight that drifts nothing is not held").isFalse();
        assertThat(tracker.observe(seen(PoolStatus.ACTIVE, 96, 7), writer).events()).singleElement()
                .extracting(GuardEvent::type).isEqualTo(EventType.POOL_RETENTION_DRIFTED);
    }

    @Test
    void observe_olderThanTheRecord_isStaleAndNotWritten() {
        observe(seen(PoolStatus.ACTIVE, 48, 10));

        assertThat(observe(seen(PoolStatus.UPDATING, 24, 5)).isEmpty()).isTrue();
        assertThat(store.read(seen(PoolStatus.ACTIVE, 1, 0).arn()).orElseThrow().observation().retentionHours())
                .isEqualTo(48);
    }

    @Test
    void observe_deletion_isReportedOnce_thenRecreationIsDiscovery() {
        observe(seen(PoolStatus.ACTIVE, 24, 0));
        PoolRef ref = PoolRef.fromArn(Pools.active("p", 1).arn());

        assertThat(observe(Observation.deleted(ref, T0.plusSeconds(1))).changes())
                .containsExactly(Transition.Change.DELETED);
        assertThat(observe(Observation.deleted(ref, T0.plusSeconds(2))).isEmpty()).isTrue();
        assertThat(observe(seen(PoolStatus.CREATING, 24, 3)).changes())
                .containsExactly(Transition.Change.DISCOVERED);
    }

    @Test
    void recordEnforced_makesTheNewRetentionNoDrift() {
        Observation before = seen(PoolStatus.ACTIVE, 2400, 0);
        observe(before);

        tracker.recordUpdate(before.enforced(720, T0.plusSeconds(1)), "none", null);

        assertThat(observe(seen(PoolStatus.ACTIVE, 720, 2)).isEmpty()).isTrue();
        assertThat(observe(seen(PoolStatus.ACTIVE, 1000, 3)).changes())
                .containsExactly(Transition.Change.RETENTION_DRIFTED);
    }

    @Test
    void recordEnforced_fromTheRecordWrittenBeforeTheUpdate_writesWithoutReading() {
        Observation before = seen(PoolStatus.ACTIVE, 5000, 0);
        PoolStateTracker.Recorded recorded = tracker.recordIntent(before, new Intent(720, intended(before, 720)), writer);
        int reads = store.reads.get();

        tracker.recordUpdate(before.enforced(720, T0.plusSeconds(1)), intended(before, 720).eventId(),
                recorded.written());

        assertThat(store.reads).hasValue(reads);
        StateStore.Versioned stored = store.read(before.arn()).orElseThrow();
        assertThat(stored.observation().retentionHours()).isEqualTo(720);
        assertThat(stored.version()).isEqualTo(recorded.written().version() + 1);
        assertThat(stored.outbox()).extracting(OutboxEvent::eventId).contains(intended(before, 720).eventId());
    }

    @Test
    void recordEnforced_afterAnotherWriterCameBetween_readsAgain_andWritesNothingBack() {
        Observation before = seen(PoolStatus.ACTIVE, 5000, 0);
        PoolStateTracker.Recorded recorded = tracker.recordIntent(before, new Intent(720, intended(before, 720)), writer);
        Set<String> discovered = Set.copyOf(recorded.events().stream().map(GuardEvent::eventId).toList());
        tracker.clearOutbox(before.arn(), discovered); // the bus took the discovery: the version moved on

        tracker.recordUpdate(before.enforced(720, T0.plusSeconds(1)), intended(before, 720).eventId(),
                recorded.written());

        StateStore.Versioned stored = store.read(before.arn()).orElseThrow();
        assertThat(stored.observation().retentionHours()).isEqualTo(720);
        assertThat(stored.outbox()).extracting(OutboxEvent::eventId).doesNotContainAnyElementsOf(discovered)
                .containsExactly(intended(before, 720).eventId());
    }

    @Test
    void observe_concurrentDeliveriesOfOneChange_reportItExactlyOnce() throws Exception {
        observe(seen(PoolStatus.ACTIVE, 24, 0));
        Observation drift = seen(PoolStatus.ACTIVE, 96, 5);
        List<Callable<Transition>> deliveries = IntStream.range(0, 16).<Callable<Transition>>mapToObj(
                i -> () -> observe(drift)).toList();

        List<Transition> results;
        try (var pool = Executors.newFixedThreadPool(8)) {
            results = pool.invokeAll(deliveries).stream().map(PoolStateTrackerTest::get).toList();
        }

        assertThat(results).filteredOn(t -> !t.isEmpty()).hasSize(1)
                .allSatisfy(t -> assertThat(t.changes()).isEqualTo(Set.of(Transition.Change.RETENTION_DRIFTED)));
    }

    private static Transition get(Future<Transition> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void observeBeforeUpdate_aConcurrentReaderSeeingOurUpdate_seesNoDrift() {
        Transition found = intend(seen(PoolStatus.ACTIVE, 5000, 0), 720);

        Transition seenByAnother = observe(seen(PoolStatus.ACTIVE, 720, 1));
        tracker.recordUpdate(seen(PoolStatus.ACTIVE, 5000, 0).enforced(720, T0.plusSeconds(2)), "none", null);

        assertThat(found.changes()).containsExactly(Transition.Change.DISCOVERED);
        assertThat(seenByAnother.isEmpty()).isTrue();
        assertThat(store.read(seen(PoolStatus.ACTIVE, 1, 0).arn()).orElseThrow().observation())
                .satisfies(o -> {
                    assertThat(o.retentionHours()).isEqualTo(720);
                    assertThat(o.intendedHours()).isNull();
                });
        assertThat(observe(seen(PoolStatus.ACTIVE, 1000, 3)).has(Transition.Change.RETENTION_DRIFTED))
                .as("someone else's change afterwards is drift").isTrue();
    }

    @Test
    void observeBeforeUpdate_staleRead_keepsTheNewerRecord_onlyMarked() {
        observe(seen(PoolStatus.ACTIVE, 48, 10));

        Transition stale = intend(seen(PoolStatus.ACTIVE, 5000, 5), 720);

        assertThat(stale.isEmpty()).isTrue();
        Observation recorded = store.read(seen(PoolStatus.ACTIVE, 1, 0).arn()).orElseThrow().observation();
        assertThat(recorded.retentionHours()).isEqualTo(48);
        assertThat(recorded.observedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(recorded.intendedHours()).isEqualTo(720);
    }

    @Test
    void takingOverADeadRunsEvents_keepsALiveRunsMark_soItsUpdateIsNoDrift() {
        PoolStateTracker.Writer dead = writerUntil(T0.plusSeconds(100));
        List<GuardEvent> left = tracker.observe(seen(PoolStatus.ACTIVE, 24, 0), dead).events();
        intend(seen(PoolStatus.ACTIVE, 24, 1), 720); // a live run, holding its lease until T0+660
        clock.advance(java.time.Duration.ofSeconds(140)); // past the dead run's deadline only

        PoolStateTracker.Recorded takeover = tracker.observe(seen(PoolStatus.ACTIVE, 24, 2), writer);

        assertThat(takeover.transition().isEmpty()).isTrue();
        assertThat(takeover.events()).isEqualTo(left);
        assertThat(observe(seen(PoolStatus.ACTIVE, 720, 3)).has(Transition.Change.RETENTION_DRIFTED))
                .as("the live run's update, not drift").isFalse();
    }
}
