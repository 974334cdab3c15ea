package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.ShardProgress;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.StepTaken;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;

/** The run ledger against moto's DynamoDB: a run completes once, and an overdue one expires once, however many race. */
class DynamoDbRunLedgerIT {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Shard MEMBER = new Shard("210987654321", "eu-west-1");
    private static final Shard HOME = new Shard("123456789012", "us-east-1");

    private final LocalAws aws = LocalAws.get();
    /** A table of its own for each test (JUnit makes an instance per test). */
    private final DynamoDbRunLedger ledger = new DynamoDbRunLedger(aws.dynamoDbClient, aws.newStateTable());

    private static RunRecord started(String runId, Instant at) {
        return RunRecord.started(new RunOptions(runId, false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(at).deadline(at.plus(Duration.ofHours(1)))
                .shardsTotal(3).build();
    }

    private static RunReport report(String runId) {
        return RunReport.builder(runId, T0).finishedAt(T0.plusSeconds(30)).policySource("defaults").policyVersion("defaults")
                .failedShards(List.of(new ShardFailure(MEMBER, "rejected: AccessDenied"))).build();
    }

    @Test
    void aRun_isReadBackAsItWasRecorded_runningThenCompleted() {
        ledger.open(started("r1", T0));

        assertThat(ledger.read("r1")).contains(started("r1", T0));
        RunRecord finished = started("r1", T0).completed(report("r1"));
        assertThat(ledger.complete(finished)).isTrue();
        RunRecord read = ledger.read("r1").orElseThrow();
        assertThat(read).isEqualTo(finished);
        assertThat(read.shardsDone()).isEqualTo(2);
        assertThat(read.failedShards()).containsExactly(new ShardFailure(MEMBER, "rejected: AccessDenied"));
        assertThat(read.counts()).containsEntry(PoolOutcome.Kind.ENFORCED, 0);
        assertThat(ledger.read("nothing")).isEmpty();
    }

    @Test
    void aRunCompletesOnce_andATriggerDeliveredAgainLeavesItCompleted() throws Exception {
        ledger.open(started("r1", T0));
        RunRecord finished = started("r1", T0).completed(report("r1"));

        List<Boolean> answers = new ArrayList<>();
        try (ExecutorService racers = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(racers.submit(() -> ledger.complete(finished)));
            }
            for (Future<Boolean> f : futures) {
                answers.add(f.get());
            }
        }
        ledger.open(started("r1", T0.plusSeconds(5)));

        assertThat(answers).containsOnlyOnce(true);
        assertThat(ledger.read("r1").orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
    }

    @Test
    void overdueRuns_expireOnce_andTheOthersWait() throws Exception {
        ledger.open(started("old", T0));
        ledger.open(started("young", T0.plus(Duration.ofMinutes(50))));
        ledger.open(started("done", T0));
        ledger.complete(started("done", T0).completed(report("done")));
        Instant now = T0.plus(Duration.ofMinutes(70));

        List<List<RunRecord>> answers = new ArrayList<>();
        try (ExecutorService racers = Executors.newFixedThreadPool(3)) {
            List<Future<List<RunRecord>>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(racers.submit(() -> ledger.expire(now)));
            }
            for (Future<List<RunRecord>> f : futures) {
                answers.add(f.get());
            }
        }

        assertThat(answers.stream().flatMap(List::stream).map(RunRecord::runId)).containsExactly("old");
        assertThat(ledger.read("old").orElseThrow().status()).isEqualTo(RunRecord.Status.INCOMPLETE);
        assertThat(ledger.read("young").orElseThrow().status()).isEqualTo(RunRecord.Status.RUNNING);
        assertThat(ledger.expire(now.plus(Duration.ofHours(1)))).extracting(RunRecord::runId).containsExactly("young");
        assertThat(ledger.expire(now.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aRunFinishingAfterItExpired_isCompleted_asItReallyEnded() {
        ledger.open(started("late", T0));
        ledger.expire(T0.plus(Duration.ofHours(2)));

        assertThat(ledger.complete(started("late", T0).completed(report("late")))).isTrue();
        assertThat(ledger.read("late").orElseThrow().status()).isEqualTo(RunRecord.Status.COMPLETED);
    }

    @Test
    void aMissingTable_isAStoreFailure_sayingWhat() {
        DynamoDbRunLedger nowhere = new DynamoDbRunLedger(aws.dynamoDbClient, "no-such-table");

        assertThatThrownBy(() -> nowhere.read("r1")).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("could not read run r1");
    }

    private static ShardStep first(Shard shard) {
        return ShardStep.builder().runId("f1").trigger(Trigger.Kind.SCHEDULE).dryRun(false).shard(shard).build();
    }

    @Test
    void aShardsSteps_areTakenOnce_inOrder_addingTheirCountsToTheRun() {
        ledger.open(RunRecord.started(new RunOptions("f1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(2).build());
        ShardStep step0 = first(HOME);

        assertThat(ledger.progress("f1", HOME)).isEqualTo(ShardProgress.START);
        assertThat(ledger.advance(step0, new StepTaken("page-2", Map.of(PoolOutcome.Kind.COMPLIANT, 100), null))).isTrue();
        assertThat(ledger.advance(step0, new StepTaken("page-2", Map.of(PoolOutcome.Kind.COMPLIANT, 100), null)))
                .as("the same step delivered again").isFalse();
        assertThat(ledger.progress("f1", HOME)).isEqualTo(new ShardProgress(1, "page-2", false));
        ShardStep step1 = step0.next("page-2");
        assertThat(ledger.advance(step1, new StepTaken(null, Map.of(PoolOutcome.Kind.COMPLIANT, 20,
                PoolOutcome.Kind.ENFORCED, 3), null))).isTrue();
        assertThat(ledger.progress("f1", HOME)).isEqualTo(new ShardProgress(2, null, true));
        assertThat(ledger.completeIfEnded("f1", T0.plusSeconds(60))).as("the member shard goes on").isEmpty();

        assertThat(ledger.advance(first(MEMBER), new StepTaken(null, Map.of(), new ShardFailure(MEMBER, "rejected: AccessDenied"))))
                .isTrue();
        RunRecord completed = ledger.completeIfEnded("f1", T0.plusSeconds(90)).orElseThrow();
        assertThat(ledger.completeIfEnded("f1", T0.plusSeconds(91))).as("completed once").isEmpty();

        assertThat(completed.status()).isEqualTo(RunRecord.Status.COMPLETED);
        assertThat(completed.finishedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(completed.shardsDone()).isEqualTo(1);
        assertThat(completed.failedShards()).containsExactly(new ShardFailure(MEMBER, "rejected: AccessDenied"));
        assertThat(completed.counts()).containsEntry(PoolOutcome.Kind.COMPLIANT, 120)
                .containsEntry(PoolOutcome.Kind.ENFORCED, 3);
        assertThat(ledger.read("f1")).contains(completed);
        ledger.open(RunRecord.started(new RunOptions("f1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(2).build());
        assertThat(ledger.read("f1")).as("a planner delivered again leaves the run as it is").contains(completed);
    }

    @Test
    void aCompletedRun_isUnannounced_untilItsCompletionIsPublished() {
        ledger.open(RunRecord.started(new RunOptions("f1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(1).build());
        assertThat(ledger.unannounced("f1")).as("still running").isEmpty();
        ledger.advance(first(HOME), new StepTaken(null, Map.of(), null));
        RunRecord completed = ledger.completeIfEnded("f1", T0.plusSeconds(5)).orElseThrow();

        assertThat(ledger.unannounced("f1")).contains(completed);
        ledger.announced("f1");
        assertThat(ledger.unannounced("f1")).isEmpty();
    }

    @Test
    void aRunOfNoShards_completesAtOnce() {
        ledger.open(RunRecord.started(new RunOptions("f1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(0).build());

        assertThat(ledger.completeIfEnded("f1", T0)).isPresent();
    }

    @Test
    void aRunsCountCap_holdsAcrossRacingSteps_andAnUpdateGivenBackServesAnother() throws Exception {
        ledger.open(RunRecord.started(new RunOptions("f1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(4).build());
        List<Boolean> taken = new ArrayList<>();
        try (ExecutorService steps = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(steps.submit(() -> ledger.takeUpdate("f1", 5)));
            }
            for (Future<Boolean> f : futures) {
                taken.add(f.get());
            }
        }

        assertThat(taken).filteredOn(t -> t).hasSize(5);
        ledger.returnUpdate("f1");
        assertThat(ledger.takeUpdate("f1", 5)).isTrue();
        assertThat(ledger.takeUpdate("f1", 5)).isFalse();
    }
}
