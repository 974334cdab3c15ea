package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run ledger against moto's DynamoDB: a run completes once, and an overdue one expires once, however many race. */
class DynamoDbRunLedgerIT {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Shard MEMBER = new Shard("210987654321", "eu-west-1");

    private final LocalAws aws = LocalAws.get();
    private DynamoDbRunLedger ledger;

    @BeforeEach
    void freshTable() {
        ledger = new DynamoDbRunLedger(aws.dynamoDbClient, aws.newStateTable());
    }

    private static RunRecord started(String runId, Instant at) {
        return RunRecord.started(runId, Trigger.Kind.SCHEDULE, false, at, at.plus(Duration.ofHours(1)), 3);
    }

    private static RunReport report(String runId) {
        return new RunReport(runId, T0, T0.plusSeconds(30), false, "defaults", "defaults", Integer.MAX_VALUE,
                List.of(), List.of(new ShardFailure(MEMBER, "rejected: AccessDenied")));
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
}
