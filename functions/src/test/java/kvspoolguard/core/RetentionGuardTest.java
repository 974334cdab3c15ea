package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.core.events.EnforcementRunIncomplete;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.PolicyInvalid;
import kvspoolguard.core.events.PolicyUnreadable;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.InvalidPolicySource;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import org.junit.jupiter.api.Test;

class RetentionGuardTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null);
    private static final Trigger SCHEDULE = new Trigger(Trigger.Kind.SCHEDULE, "run-1");
    private static final RunOptions OPTIONS = new RunOptions("run-1", false, UpdateCap.NONE);

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final InMemoryRunLedger runs = new InMemoryRunLedger();
    private final InMemoryShardQueue queue = new InMemoryShardQueue();

    private RetentionGuard guard(PolicySource policy, StateStore store) {
        return new RetentionGuard(new Ports(new Fleet(pools, policy), TestPorts.recording(store, bus), new Runs(runs, queue)), 2,
                Clock.systemUTC());
    }

    private RetentionGuard guard() {
        return guard(PolicySource.fixed(POLICY), state);
    }

    private static final Trigger CHANGE = new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "event-1");

    @Test
    void aStateChangeOfAPoolOutsideTheScope_isRefused_andNothingIsReadOrChanged() {
        pools.add(Pools.active("a", 9000));
        PoolRef a = PoolRef.of(pools.pool("a"));
        pools.ungovern(a.shard());

        TriggerResult result = guard().stateChanged(new StateChange(a, "chime:MediaPipelineKinesisVideoStreamPoolUpdated", Instant.now()), CHANGE, OPTIONS);

        assertThat(result.problem()).isEqualTo(Problem.Ungoverned.of(a));
        assertThat(result.problem().message()).contains("account 123456789012, region us-east-1",
                "which this stack does not govern");
        assertThat(pools.describes).hasValue(0);
        assertThat(pools.updates).isEmpty();
        assertThat(bus.published).isEmpty();
        assertThat(state.read(a.arn())).isEmpty();
    }

    @Test
    void aStateChange_isEnforcedRecordedOrReported_asItsKindSays() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48));
        PoolRef a = PoolRef.of(pools.pool("a"));
        PoolRef b = PoolRef.of(pools.pool("b"));

        guard().stateChanged(new StateChange(a, "chime:MediaPipelineKinesisVideoStreamPoolUpdated", Instant.now()), CHANGE, OPTIONS);
        assertThat(pools.updates).containsExactly("a=720");

        int describes = pools.describes.get();
        guard().stateChanged(new StateChange(b, "chime:MediaPipelineKinesisVideoStreamPoolDeleted", Instant.now()), CHANGE, OPTIONS);
        assertThat(pools.describes).as("a deletion is recorded, not read").hasValue(describes);
        assertThat(state.read(b.arn())).hasValueSatisfying(v -> assertThat(v.observation().deleted()).isTrue());

        guard().stateChanged(new StateChange(b, "chime:MediaPipelineKinesisVideoStreamPoolTemporaryFailure", Instant.now()), CHANGE, OPTIONS);
        assertThat(bus.published).anySatisfy(e -> assertThat(e.detail()).isInstanceOfSatisfying(PoolStatusChanged.class,
                d -> assertThat(d.change()).isEqualTo(PoolStatusChanged.Change.FAILURE_REPORTED)));
        assertThat(pools.updates).as("only the Updated pool was changed").containsExactly("a=720");
    }

    @Test
    void sweep_recordsItsRun_runningThenCompleted_withItsShardsAndCounts() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48));

        queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        RunRecord run = ((Answer.Done<RunRecord>) guard().recordedRun("run-1")).value();
        assertThat(run.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(run.trigger()).isEqualTo(Trigger.Kind.SCHEDULE);
        assertThat(run.shardsTotal()).isEqualTo(1);
        assertThat(run.shardsDone()).isEqualTo(1);
        assertThat(run.counts()).containsEntry(PoolOutcome.Kind.ENFORCED, 1).containsEntry(PoolOutcome.Kind.COMPLIANT, 1);
        assertThat(run.deadline()).isEqualTo(run.startedAt().plus(RunOptions.DEFAULT_DEADLINE));
        assertThat(guard().recordedRun("no-such-run")).isInstanceOfSatisfying(Answer.Refused.class,
                r -> assertThat(r.problem()).isInstanceOf(Problem.RunNotFound.class));
    }

    @Test
    void aRunThatNeverFinished_isReportedIncomplete_onceItsDeadlinePassed_byTheNextRun() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(3));
        runs.open(RunRecord.started(new RunOptions("dead-run", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(longAgo).deadline(longAgo.plus(Duration.ofHours(1)))
                .shardsTotal(4).build());
        runs.open(RunRecord.started(new RunOptions("young-run", false, UpdateCap.NONE), Trigger.Kind.API).startedAt(Instant.now()).deadline(Instant.now().plusSeconds(600))
                .shardsTotal(1).build());

        queue.sweep(guard().runs(), SCHEDULE, OPTIONS);
        queue.sweep(guard().runs(), new Trigger(Trigger.Kind.SCHEDULE, "run-2"), new RunOptions("run-2", false, UpdateCap.NONE));

        assertThat(bus.published).filteredOn(e -> e.type() == EventType.ENFORCEMENT_RUN_INCOMPLETE).singleElement()
                .satisfies(e -> {
                    var incomplete = (EnforcementRunIncomplete) e.detail();
                    assertThat(incomplete.runId()).isEqualTo("dead-run");
                    assertThat(incomplete.shards()).isEqualTo(4);
                    assertThat(incomplete.trigger()).isEqualTo(new TriggeredBy("schedule", "run-1"));
                });
        assertThat(runs.read("dead-run")).get().extracting(RunRecord::status).isEqualTo(RunRecord.Status.INCOMPLETE);
        assertThat(runs.read("young-run")).get().extracting(RunRecord::status).isEqualTo(RunRecord.Status.RUNNING);
    }

    @Test
    void sweep_reportsDiscoveryEnforcementAndTheRun() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48));

        TriggerResult result = queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        assertThat(result.worthRetrying()).isFalse();
        assertThat(bus.types()).containsExactlyInAnyOrder("Pool Status Changed", "Pool Status Changed",
                "Pool Retention Enforced", "Enforcement Run Completed");
        assertThat(bus.types().getLast()).isEqualTo("Enforcement Run Completed");
    }

    @Test
    void sweep_anUpdatedPool_costsOnePageReadAndTwoWrites_thenOneClearing() {
        pools.add(Pools.active("a", 9000));

        queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        // the sweep reads its pools' records a page at a time; found + about-to-set in one write
        // before the Update, the result after it (from the record just written: no read), and once
        // the bus has the events, the outbox is emptied
        assertThat(state.batchReads).hasValue(1);
        assertThat(state.reads).hasValue(0);
        assertThat(state.writes).hasValue(2);
        assertThat(state.clears).hasValue(1);
    }

    @Test
    void sweep_publishesTheEventsOfPoolsItIsDoneWith_whileItGoesOn() {
        for (int i = 0; i < 30; i++) {
            pools.add(Pools.active(String.format("p%02d", i), 48));
        }
        AtomicInteger onBusBeforeLastRead = new AtomicInteger(-1);
        pools.onDescribe = name -> {
            if (name.equals("p29")) { // waits (up to 5 s) for the first batch, which needs no more reads
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (bus.ids().size() < 10 && System.nanoTime() < deadline) {
                    Thread.yield();
                }
                onBusBeforeLastRead.set(bus.ids().size());
            }
        };

        TriggerResult result = queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        assertThat(onBusBeforeLastRead.get()).isGreaterThanOrEqualTo(10);
        assertThat(result.published()).hasSize(31);
        assertThat(bus.types().getLast()).isEqualTo("Enforcement Run Completed");
    }

    @Test
    void sweep_listingFailsMidway_handlesWhatWasListed_andReportsTheShard_withoutFailing() {
        for (int i = 0; i < 120; i++) {
            pools.add(Pools.active(String.format("p%03d", i), i < 100 ? 9000 : 48));
        }
        pools.describesBeforeNextPage = 100;
        pools.failPagesAfterFirst = PoolDirectoryException.Kind.UNAVAILABLE;

        TriggerResult result = queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        assertThat(result.worthRetrying()).as("the shard is the next run's").isFalse();
        assertThat(result.report().failedShards()).singleElement().satisfies(f -> {
            assertThat(f.shard()).isEqualTo(Pools.HOME);
            assertThat(f.reason()).startsWith("unavailable: ");
        });
        assertThat(bus.types()).filteredOn("Pool Retention Enforced"::equals).hasSize(100);
        assertThat(bus.types()).endsWith("Shard Failed", "Enforcement Run Completed");
        pools.list().forEach(p -> assertThat(state.outbox(p.arn())).as(p.name()).isEmpty());
    }

    @Test
    void enforce_poolStateChange_emitsNoRunSummary() {
        pools.add(Pools.active("a", 48));
        PoolRef a = pools.list().getFirst();

        guard().enforce(a, new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-1"), OPTIONS);

        assertThat(bus.types()).containsExactly("Pool Status Changed");
    }

    @Test
    void enforce_poolStateChange_throttledOrUnavailable_isWorthRetrying_otherFailuresAreNot() {
        pools.add(Pools.active("read", 48), Pools.active("write", 9000), Pools.active("refused", 9000));
        pools.failDescribe("read", PoolDirectoryException.Kind.THROTTLED);
        pools.failUpdate("write", PoolDirectoryException.Kind.UNAVAILABLE);
        pools.failUpdate("refused", PoolDirectoryException.Kind.REJECTED);
        Trigger event = new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-1");

        for (String name : List.of("read", "write")) {
            TriggerResult result = guard().enforce(PoolRef.named(Pools.HOME, name), event, OPTIONS);
            assertThat(result.worthRetrying()).as(name).isTrue();
            assertThat(result.poolsToRetry()).as(name).singleElement().asString().endsWith(name);
        }
        assertThat(guard().enforce(PoolRef.named(Pools.HOME, "refused"), event, OPTIONS).worthRetrying())
                .as("retrying cannot help a refusal").isFalse();
    }

    @Test
    void sweep_withAThrottledPool_isNotRetried_theNextSweepHasIt() {
        pools.add(Pools.active("a", 48), Pools.active("b", 9000));
        pools.failDescribe("a", PoolDirectoryException.Kind.THROTTLED);

        TriggerResult result = queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        assertThat(result.report().outcomes()).anyMatch(PoolOutcome::retryable);
        assertThat(result.worthRetrying()).isFalse();
    }

    @Test
    void sweep_invalidPolicy_readsNoPool_andReportsItOnce() {
        pools.add(Pools.active("a", 9000));
        PolicySource broken = new InvalidPolicySource();

        TriggerResult result = queue.sweep(guard(broken, state).runs(), SCHEDULE, OPTIONS);

        assertThat(pools.describes).hasValue(0);
        assertThat(result.problem()).isEqualTo(new Problem.PolicyInvalid(
                "rules[0]: minHours 900 is greater than maxHours 10"));
        assertThat(result.worthRetrying()).as("retrying cannot fix a policy").isFalse();
        assertThat(bus.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.POLICY_INVALID);
            assertThat(((PolicyInvalid) e.detail()).policySource()).isEqualTo("ssm:/p");
        });
    }

    private static PolicySource failing(PolicySourceException.Kind kind) {
        return new PolicySource() {
            @Override
            public RetentionPolicy current() {
                throw new PolicySourceException(kind, "SSM: " + kind, null);
            }

            @Override
            public String location() {
                return "ssm:/p";
            }
        };
    }

    @Test
    void sweep_policyUnreachable_isWorthRetrying_andActsOnNothing() {
        pools.add(Pools.active("a", 9000));

        TriggerResult result = queue.sweep(guard(failing(PolicySourceException.Kind.UNREACHABLE), state).runs(), SCHEDULE,
                OPTIONS);

        assertThat(result.worthRetrying()).isTrue();
        assertThat(pools.updates).isEmpty();
        assertThat(bus.published).isEmpty();
    }

    @Test
    void sweep_policyDeniedOrStale_failsClosed_reportingWhy_andIsNotRetried() {
        pools.add(Pools.active("a", 9000));

        TriggerResult denied = queue.sweep(guard(failing(PolicySourceException.Kind.DENIED), state).runs(), SCHEDULE, OPTIONS);
        TriggerResult stale = guard(failing(PolicySourceException.Kind.STALE), state)
                .enforce(PoolRef.of(Pools.active("a", 9000)), new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-1"),
                        OPTIONS);

        assertThat(denied.problem()).isEqualTo(new Problem.PolicyUnreadable("SSM: DENIED", true));
        assertThat(stale.problem()).isEqualTo(new Problem.PolicyUnreadable("SSM: STALE", false));
        assertThat(stale.worthRetrying()).isFalse();
        assertThat(pools.describes).hasValue(0);
        assertThat(pools.updates).isEmpty();
        assertThat(bus.published).extracting(e -> e.type().detailType() + " " + ((PolicyUnreadable) e.detail()).reason())
                .as("a run that would fail closed in every shard is not planned").containsExactly(
                        "Policy Unreadable DENIED", "Policy Unreadable STALE");
    }

    @Test
    void sweep_busRefuses_keepsEveryEventInTheResult() {
        pools.add(Pools.active("a", 9000));
        bus.refuse = true;

        TriggerResult result = queue.sweep(guard().runs(), SCHEDULE, OPTIONS);

        assertThat(result.published()).isEmpty();
        assertThat(result.unpublished()).hasSize(3);
        assertThat(result.worthRetrying()).isTrue();
    }

    @Test
    void sweep_stateStoreDown_stillEnforcesEveryPool_andSaysWhatWasNotRecorded() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 1));
        StateStore down = new StateStore() {
            @Override
            public Optional<Versioned> read(String arn) {
                throw new StateStoreException("table unavailable", null);
            }

            @Override
            public boolean writeIf(Observation observation, List<OutboxEvent> outbox, long expectedVersion) {
                throw new StateStoreException("table unavailable", null);
            }

            @Override
            public kvspoolguard.core.state.RecordPage records(String after, int limit) {
                throw new StateStoreException("table unavailable", null);
            }

            @Override
            public void clearOutbox(String arn, Set<String> eventIds) {
                throw new StateStoreException("table unavailable", null);
            }
        };

        TriggerResult result = queue.sweep(guard(PolicySource.fixed(POLICY), down).runs(), SCHEDULE, OPTIONS);

        assertThat(pools.updates).containsExactlyInAnyOrder("a=720", "b=24");
        assertThat(result.stateErrors()).isNotEmpty().allSatisfy(e -> assertThat(e).contains("table unavailable"));
        assertThat(result.worthRetrying()).isTrue();
    }

    @Test
    void deleted_redelivered_isReportedOnce() {
        PoolRef gone = PoolRef.fromArn(Pools.active("gone", 1).arn());
        Instant at = Instant.parse("2026-11-21T10:00:00Z");

        guard().deleted(gone, at, new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "e1"));
        guard().deleted(gone, at, new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "e1"));

        assertThat(bus.published).singleElement()
                .satisfies(e -> assertThat(((PoolStatusChanged) e.detail()).change())
                        .isEqualTo(PoolStatusChanged.Change.DELETED));
    }

    @Test
    void failureReported_forAnUnreadablePool_saysUnknown() {
        PoolRef missing = PoolRef.fromArn(Pools.active("missing", 1).arn());

        guard().failureReported(missing, "chime:MediaPipelineKinesisVideoStreamPoolPermanentFailure",
                new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "e2"));

        assertThat(bus.published).singleElement().satisfies(e -> {
            var changed = (PoolStatusChanged) e.detail();
            assertThat(changed.change()).isEqualTo(PoolStatusChanged.Change.FAILURE_REPORTED);
            assertThat(changed.status()).isEqualTo(PoolStatus.UNKNOWN);
            assertThat(changed.failure()).isEqualTo("chime:MediaPipelineKinesisVideoStreamPoolPermanentFailure");
        });
    }

    @Test
    void dryRun_secondRun_doesNotRepeatTheViolation() {
        pools.add(Pools.active("a", 9000));
        queue.sweep(guard().runs(), new Trigger(Trigger.Kind.SCHEDULE, "r1"), new RunOptions("r1", true, UpdateCap.NONE));
        queue.sweep(guard().runs(), new Trigger(Trigger.Kind.SCHEDULE, "r2"), new RunOptions("r2", true, UpdateCap.NONE));

        assertThat(bus.types()).containsExactlyInAnyOrder("Pool Status Changed", "Pool Retention Violation",
                "Enforcement Run Completed", "Enforcement Run Completed");
        assertThat(pools.updates).isEmpty();
        assertThat(state.read(pools.list().getFirst().arn()).orElseThrow().observation().violation())
                .isEqualTo("DRY_RUN->720");
    }
}
