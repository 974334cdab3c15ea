package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolRetentionViolation;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.PolicyVersions;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.local.MutableClock;
import kvspoolguard.testing.InMemoryCallLedger;
import kvspoolguard.testing.InMemoryDecreaseLedger;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryPoolHistory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.InvalidPolicySource;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import kvspoolguard.testing.WatchedPoolDirectory;
import org.junit.jupiter.api.Test;

/**
 * A sweep fanned out over shard steps: planned, taken step by step with continuations, a step
 * delivered again, a worker that died before queueing what follows, the last shard completing the
 * run once.
 */
class ShardedRunsTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null);
    private static final Shard EU = new Shard("123456789012", "eu-west-1");
    /** A step may last this long; the time the test's clock moves per page listed. */
    private static final Duration RESERVE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    /** Every page listed takes the step past its time: each step lists one page, then continues. */
    private final PoolDirectory slowLister = new WatchedPoolDirectory(pools, call -> {
        if (call.startsWith("List ")) {
            clock.advance(Duration.ofSeconds(1));
        }
    });
    private final RecordingPublisher bus = new RecordingPublisher();
    private final InMemoryRunLedger runs = new InMemoryRunLedger();
    private final InMemoryShardQueue queue = new InMemoryShardQueue();

    private RetentionGuard guard(PoolDirectory directory, PolicySource policy) {
        return new RetentionGuard(new Ports(new Fleet(directory, policy), TestPorts.recording(new InMemoryStateStore(), bus),
                new Runs(runs, queue)), 4, clock);
    }

    private RetentionGuard guard() {
        return guard(slowLister, PolicySource.fixed(POLICY));
    }

    private static Trigger trigger() {
        // one second of the step's own: the first page listed uses it up
        return new Trigger(Trigger.Kind.SCHEDULE, "run-1", RESERVE.plusSeconds(1));
    }

    private static RunOptions options() {
        return new RunOptions("run-1", false, UpdateCap.NONE);
    }

    private TriggerResult take(RetentionGuard guard, ShardStep step) {
        return guard.runs().step(step, trigger(), options().withStepReserve(RESERVE));
    }

    private void fleet(int size) {
        IntStream.range(0, size).forEach(i -> pools.add(Pools.active("p%04d".formatted(i), i % 10 == 0 ? 9000 : 48)));
    }

    @Test
    void aCompletedSweep_measuresTheFleet_soTheNextDaysPercentBudgetIsOfIt() {
        fleet(250);
        var ledger = new InMemoryDecreaseLedger();
        var budget = new DecreaseBudget(ledger, new UpdateCap(null, 10));
        RetentionGuard guard = new RetentionGuard(new Ports(new Fleet(slowLister, PolicySource.fixed(POLICY)),
                new Recording(new InMemoryStateStore(), bus, new Archive(new InMemoryPoolHistory(),
                        new InMemoryCallLedger()), budget, PolicyVersions.NONE), new Runs(runs, queue)), 4, clock);

        guard.plan(trigger(), options());
        for (ShardStep step = queue.take(); step != null; step = queue.take()) {
            take(guard, step);
        }

        assertThat(pools.updates).as("a percent of a fleet not yet measured allows no decrease").isEmpty();
        assertThat(ledger.fleet()).hasValue(250);
        assertThat(budget.limit()).isEqualTo(25);
    }

    @Test
    void aShardLargerThanAStep_finishesThroughContinuations_readingEachPoolOnce_withTheFewestCalls() {
        fleet(250);
        RetentionGuard guard = guard();

        TriggerResult planned = guard.plan(trigger(), options());
        int steps = 0;
        for (ShardStep step = queue.take(); step != null; step = queue.take()) {
            TriggerResult taken = take(guard, step);
            assertThat(taken.worthRetrying()).isFalse();
            steps++;
        }

        assertThat(planned.queued()).containsExactly(Pools.HOME);
        assertThat(steps).as("three pages, one a step").isEqualTo(3);
        assertThat(queue.history()).extracting(ShardStep::step, ShardStep::pageToken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, null),
                        org.assertj.core.groups.Tuple.tuple(1, "100"), org.assertj.core.groups.Tuple.tuple(2, "200"));
        assertThat(pools.pagesListed.get()).as("ceil(250 / 100) List calls").isEqualTo(3);
        assertThat(pools.describes.get()).as("each pool read once").isEqualTo(250);
        assertThat(pools.updates).hasSize(25);
        RunRecord run = runs.read("run-1").orElseThrow();
        assertThat(run.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(run.counts()).containsEntry(PoolOutcome.Kind.ENFORCED, 25)
                .containsEntry(PoolOutcome.Kind.COMPLIANT, 225);
        assertThat(bus.types()).containsOnlyOnce("Enforcement Run Completed");
    }

    @Test
    void aStepDeliveredAgain_readsNothing_andQueuesItsContinuationOnce() {
        fleet(150);
        RetentionGuard guard = guard();
        guard.plan(trigger(), options());
        ShardStep first = queue.take();
        take(guard, first);
        int describes = pools.describes.get();

        TriggerResult again = take(guard, first);

        assertThat(again.report()).isNull();
        assertThat(again.worthRetrying()).isFalse();
        assertThat(pools.describes.get()).isEqualTo(describes);
        assertThat(queue.history()).extracting(ShardStep::step).containsExactly(0, 1);
    }

    @Test
    void aPoolWhoseUpdateFailed_thenFoundTheCapReached_whenItsStepCameAgain_isReportedUnderTwoIds() {
        pools.add(Pools.active("throttled", 9000));
        pools.failUpdate("throttled", PoolDirectoryException.Kind.THROTTLED);
        RetentionGuard guard = guard(pools, PolicySource.fixed(POLICY));
        RunOptions capOfOne = new RunOptions("run-1", false, new UpdateCap(1, null));
        guard.plan(trigger(), capOfOne);
        ShardStep step = queue.take();
        runs.failAdvances = 1;

        TriggerResult first = guard.runs().step(step, trigger(), capOfOne.withStepReserve(RESERVE));
        TriggerResult again = guard.runs().step(step, trigger(), capOfOne.withStepReserve(RESERVE));

        assertThat(first.worthRetrying()).as("its step was not recorded").isTrue();
        assertThat(again.worthRetrying()).isFalse();
        List<GuardEvent> violations = bus.published.stream()
                .filter(e -> e.type() == EventType.POOL_RETENTION_VIOLATION).toList();
        assertThat(violations).extracting(e -> ((PoolRetentionViolation) e.detail()).reason())
                .containsExactly("UPDATE_FAILED", "CAP_REACHED");
        assertThat(violations).extracting(GuardEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aWorkerThatRecordedItsStep_butCouldNotQueueTheNext_isDeliveredAgain_andQueuesIt_withoutReadingAgain() {
        fleet(150);
        RetentionGuard guard = guard();
        guard.plan(trigger(), options());
        ShardStep first = queue.take();
        queue.refuse(true);

        TriggerResult died = take(guard, first);
        queue.refuse(false);
        int describes = pools.describes.get();
        TriggerResult again = take(guard, first);

        assertThat(died.worthRetrying()).as("its message is delivered again").isTrue();
        assertThat(again.worthRetrying()).isFalse();
        assertThat(pools.describes.get()).isEqualTo(describes);
        ShardStep next = queue.take();
        assertThat(next.step()).isEqualTo(1);
        take(guard, next);
        assertThat(runs.read("run-1").orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(pools.describes.get()).isEqualTo(150);
    }

    @Test
    void theLastShardToEnd_completesTheRun_once_evenWhenItsStepIsDeliveredAgain() {
        pools.add(Pools.active("home", 9000), Pool.builder("eu", "arn:aws:chime:eu-west-1:123456789012:"
                + "media-pipeline-kinesis-video-stream-pool/eu", PoolStatus.ACTIVE).id("ChimeMediaPipelines-eu-1")
                .region("eu-west-1").size(0).streamRegion("eu-west-1").retentionHours(9000).createdAt(Instant.EPOCH)
                .updatedAt(Instant.EPOCH).build());
        RetentionGuard guard = guard(pools, PolicySource.fixed(POLICY));
        guard.plan(trigger(), options());
        ShardStep one = queue.take();
        ShardStep two = queue.take();

        take(guard, one);
        assertThat(bus.types()).doesNotContain("Enforcement Run Completed");
        take(guard, two);
        take(guard, two);
        take(guard, one);

        assertThat(bus.types()).containsOnlyOnce("Enforcement Run Completed");
        RunRecord run = runs.read("run-1").orElseThrow();
        assertThat(run.shardsDone()).isEqualTo(2);
        assertThat(run.counts()).containsEntry(PoolOutcome.Kind.ENFORCED, 2);
    }

    @Test
    void aPolicyThatTurnsInvalidMidRun_endsTheShard_asAFailedShard_andTheRunCompletes() {
        fleet(3);
        guard().plan(trigger(), options());
        RetentionGuard invalid = guard(slowLister, new InvalidPolicySource());

        TriggerResult taken = take(invalid, queue.take());

        assertThat(taken.worthRetrying()).as("retrying cannot fix it").isFalse();
        assertThat(pools.describes.get()).isZero();
        RunRecord run = runs.read("run-1").orElseThrow();
        assertThat(run.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(run.failedShards()).singleElement().satisfies(f -> assertThat(f.reason()).startsWith("policy invalid"));
        assertThat(bus.types()).contains("Policy Invalid", "Shard Failed", "Enforcement Run Completed");
    }

    @Test
    void aPolicyDeniedMidRun_endsTheShard_asAFailedShard_andTheRunCompletes() {
        fleet(3);
        guard().plan(trigger(), options());
        RetentionGuard denied = guard(slowLister, new PolicySource() {
            @Override
            public RetentionPolicy current() {
                throw new PolicySourceException(PolicySourceException.Kind.DENIED, "access denied", null);
            }

            @Override
            public String location() {
                return "ssm:/p";
            }
        });

        TriggerResult taken = take(denied, queue.take());

        assertThat(taken.worthRetrying()).isFalse();
        assertThat(pools.describes.get()).isZero();
        assertThat(runs.read("run-1").orElseThrow().failedShards()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("policy unreadable: access denied"));
        assertThat(bus.types()).contains("Policy Unreadable", "Shard Failed", "Enforcement Run Completed");
    }

    @Test
    void aPlanTheQueueRefuses_isWorthRetrying_andRetriedQueuesEachShardOnce() {
        fleet(3);
        queue.refuse(true);
        TriggerResult refused = guard().plan(trigger(), options());
        queue.refuse(false);
        TriggerResult retried = guard().plan(trigger(), options());
        guard().plan(trigger(), options());

        assertThat(refused.worthRetrying()).isTrue();
        assertThat(retried.worthRetrying()).isFalse();
        assertThat(queue.history()).hasSize(1);
    }
}
