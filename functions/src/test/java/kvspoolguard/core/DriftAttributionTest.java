package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import kvspoolguard.core.attribution.GuardSessions;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolDriftAttributed;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.history.HistoryKeepingPublisher;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.testing.InMemoryCallLedger;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryPoolHistory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who made a drift, whichever of CloudTrail's record and the pool's state change comes first. */
class DriftAttributionTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null);
    private static final Actor JANE = Actor.recorded("arn:aws:sts::123456789012:assumed-role/Admin/jane").sessionIssuerArn("arn:aws:iam::123456789012:role/Admin").sourceIpAddress("198.51.100.7").userAgent("aws-cli/2.22.0").build();

    private static final String ENFORCER_ROLE = "arn:aws:iam::123456789012:role/guard-RetentionEnforcerRole-1A2B";
    private static final GuardSessions SESSIONS = new GuardSessions("123456789012", Set.of(ENFORCER_ROLE),
            "KvsPoolGuardMember");

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final InMemoryPoolHistory history = new InMemoryPoolHistory();
    private final InMemoryCallLedger calls = new InMemoryCallLedger();
    private final InMemoryStateStore state = new InMemoryStateStore();
    /** Runs as the guard starts publishing anything, before the history keeps it. */
    private Runnable beforePublishing = () -> { };
    private RetentionGuard guard;
    private CallRecords records;
    private PoolRef pool;
    private int triggers;

    @BeforeEach
    void aPoolTheGuardHasSeen() {
        EventPublisher events = list -> {
            beforePublishing.run();
            new HistoryKeepingPublisher(bus, history).publish(list);
        };
        Ports ports = new Ports(new Fleet(pools, PolicySource.fixed(POLICY)), new Recording(state, events,
                new Archive(history, calls)), new Runs(new InMemoryRunLedger(), new InMemoryShardQueue()));
        guard = new RetentionGuard(ports, 2, Clock.systemUTC());
        records = new CallRecords(new Jurisdiction(ports.fleet().pools(), SESSIONS), ports.recording(), Clock.systemUTC());
        pools.add(Pools.active("p", 48));
        pool = PoolRef.of(pools.pool("p"));
        stateChange();
        bus.published.clear();
    }

    private TriggerResult stateChange() {
        String id = "chime-" + ++triggers;
        return guard.enforce(pool, new Trigger(Trigger.Kind.POOL_STATE_CHANGE, id), new RunOptions(id, false,
                UpdateCap.NONE));
    }

    private TriggerResult record(PoolCall call) {
        return records.record(call, new Trigger(Trigger.Kind.API_CALL, "cloudtrail-" + ++triggers));
    }

    /** Someone other than the guard sets the pool's retention; CloudTrail's record of it. */
    private PoolCall outsiderSets(int hours, String callId) {
        Instant at = Instant.now();
        pools.updateRetention(pool, hours);
        pools.updates.clear();
        return PoolCall.builder(callId, PoolCall.Action.UPDATE, pool).actor(JANE).requestedHours(hours).at(at).build();
    }

    private List<GuardEvent> published(EventType type) {
        return bus.published.stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void theCallFirst_theDriftNamesWhoMadeIt_andNothingIsAttributedLater() {
        PoolCall call = outsiderSets(5000, "ct-1");

        assertThat(record(call).published()).isEmpty();
        stateChange();

        assertThat(published(EventType.POOL_RETENTION_DRIFTED)).singleElement().satisfies(drift ->
                assertThat(((PoolRetentionDrifted) drift.detail()).actor()).isEqualTo(JANE));
        assertThat(pools.updates).containsExactly("p=720"); // and corrected, as any drift
        record(call); // delivered again
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).isEmpty();
    }

    @Test
    void theDriftsCall_isLookedUpOnce_beforeItsStateWrite_howeverOftenThatWriteIsTried() {
        PoolCall call = outsiderSets(5000, "ct-1");
        record(call);
        int readsBefore = calls.reads.get();
        state.conflictsLeft.set(2); // two other writers come in between

        stateChange();

        assertThat(published(EventType.POOL_RETENTION_DRIFTED)).singleElement().satisfies(drift ->
                assertThat(((PoolRetentionDrifted) drift.detail()).actor()).isEqualTo(JANE));
        assertThat(state.conflictsLeft).hasValue(0);
        assertThat(calls.reads.get() - readsBefore).as("one read to find the call, one to claim it once published")
                .isEqualTo(2);
    }

    @Test
    void theGuardsOwnCall_isNeitherRecordedNorTakenForADrift_andAnUngovernedOneIsRefused() {
        pools.updateRetention(pool, 720);
        PoolCall own = PoolCall.builder("ct-own", PoolCall.Action.UPDATE, pool)
                .actor(Actor.recorded("arn:aws:sts::123456789012:assumed-role/guard-RetentionEnforcerRole-1A2B/s").sessionIssuerArn(ENFORCER_ROLE).build())
                .requestedHours(720).at(Instant.now()).build();
        PoolCall elsewhere = PoolCall.builder("ct-far", PoolCall.Action.UPDATE,
                        PoolRef.named(new Shard("123456789012", "eu-west-1"), "p"))
                .actor(JANE).requestedHours(500).at(Instant.now()).build();
        pools.ungovern(new Shard("123456789012", "eu-west-1"));

        TriggerResult ownResult = record(own);
        TriggerResult farResult = record(elsewhere);

        assertThat(ownResult.problem()).isInstanceOfSatisfying(Problem.OwnCall.class, p -> assertThat(p.message())
                .isEqualTo("CloudTrail event ct-own is this service's own UPDATE of the pool: not a drift"));
        assertThat(ownResult.rejected()).as("not this stack's to act on, and no warning").isFalse();
        assertThat(ownResult.worthRetrying()).isFalse();
        assertThat(ownResult.leftUndone()).as("logged as what it is, not an error").isFalse();
        assertThat(farResult.leftUndone()).isTrue();
        assertThat(farResult.problem()).isInstanceOf(Problem.Ungoverned.class);
        assertThat(farResult.rejected()).isTrue();
        assertThat(calls.entry(pool).calls()).as("neither recorded").isEmpty();
        assertThat(calls.reads).as("nor even read").hasValue(0);
        assertThat(bus.published).isEmpty();
    }

    @Test
    void theDriftFirst_isAttributedOnce_whenTheCallComes_howeverOftenItIsDelivered() {
        PoolCall call = outsiderSets(500, "ct-1");
        stateChange();
        GuardEvent drift = published(EventType.POOL_RETENTION_DRIFTED).getFirst();
        assertThat(((PoolRetentionDrifted) drift.detail()).actor()).isNull();

        TriggerResult first = record(call);
        record(call);
        record(call);

        assertThat(first.published()).singleElement().satisfies(e -> assertThat(e.type())
                .isEqualTo(EventType.POOL_DRIFT_ATTRIBUTED));
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).singleElement().satisfies(attributed -> {
            var detail = (PoolDriftAttributed) attributed.detail();
            assertThat(detail.driftEventId()).isEqualTo(drift.eventId());
            assertThat(detail.retentionHours()).isEqualTo(500);
            assertThat(detail.actor()).isEqualTo(JANE);
            assertThat(detail.changedBy()).isEqualTo(call.changedBy());
            assertThat(attributed.resources()).containsExactly(pool.arn());
            assertThat(detail.trigger().kind()).isEqualTo("api-call");
        });
        assertThat(history.kept).extracting(GuardEvent::type).contains(EventType.POOL_DRIFT_ATTRIBUTED);
        assertThat(calls.entry(pool).outbox()).isEmpty();
    }

    @Test
    void aCallThatComesWhileTheDriftIsBeingPublished_isAttributedOnce_byTheDriftsOwnRun() {
        PoolCall call = outsiderSets(500, "ct-1");
        AtomicBoolean once = new AtomicBoolean();
        // the call is recorded after the drift looked for it, before the history has the drift
        beforePublishing = () -> {
            if (once.compareAndSet(false, true)) {
                assertThat(record(call).published()).isEmpty();
            }
        };

        TriggerResult run = stateChange();

        assertThat(published(EventType.POOL_RETENTION_DRIFTED)).singleElement()
                .satisfies(d -> assertThat(((PoolRetentionDrifted) d.detail()).actor()).isNull());
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).singleElement().satisfies(a ->
                assertThat(a.detail().trigger().kind()).isEqualTo("pool-state-change"));
        assertThat(run.published()).extracting(GuardEvent::type).contains(EventType.POOL_DRIFT_ATTRIBUTED);
        record(call);
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).hasSize(1);
    }

    @Test
    void aCallToAnotherValue_orAFailedOne_attributesNothing() {
        PoolCall call = outsiderSets(500, "ct-1");
        stateChange();

        record(PoolCall.builder("ct-2", PoolCall.Action.UPDATE, pool).actor(JANE).requestedHours(600).at(call.at())
                .build());
        TriggerResult failed = record(PoolCall.builder("ct-3", PoolCall.Action.UPDATE, pool).actor(JANE)
                .requestedHours(500).at(call.at()).errorCode("AccessDenied").build());

        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).isEmpty();
        assertThat(failed.published()).isEmpty();
        assertThat(calls.entry(pool).calls()).extracting(PoolCall::callId).containsExactly("ct-2");
    }

    @Test
    void aCallBeforeTheLastSightOfThePool_doesNotExplainALaterDrift() {
        PoolCall old = outsiderSets(5000, "ct-old");
        record(old);
        stateChange(); // that drift named ct-old; the guard set 720 back
        bus.published.clear();

        pools.updateRetention(pool, 5000); // the same value again, by someone CloudTrail has not told of yet
        stateChange();

        assertThat(published(EventType.POOL_RETENTION_DRIFTED)).singleElement()
                .satisfies(d -> assertThat(((PoolRetentionDrifted) d.detail()).actor()).isNull());
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).isEmpty();
    }

    @Test
    void anAttributionTheBusRefused_isPublishedByTheNextDelivery_once() {
        PoolCall call = outsiderSets(500, "ct-1");
        stateChange();
        bus.refuse = true;

        TriggerResult refused = record(call);

        assertThat(refused.worthRetrying()).isTrue();
        assertThat(refused.unpublished()).hasSize(1);
        assertThat(calls.entry(pool).outbox()).hasSize(1);
        bus.refuse = false;
        TriggerResult retried = record(call);
        record(call);

        assertThat(retried.published()).hasSize(1);
        assertThat(published(EventType.POOL_DRIFT_ATTRIBUTED)).hasSize(1);
        assertThat(calls.entry(pool).outbox()).isEmpty();
    }
}
