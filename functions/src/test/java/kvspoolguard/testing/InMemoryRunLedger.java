package kvspoolguard.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunLedger;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.RunRecordBuilder;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.ShardProgress;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.StepTaken;
import kvspoolguard.core.state.StateStoreException;

/** The run ledger in memory, with the conditional semantics of the DynamoDB one. */
public final class InMemoryRunLedger implements RunLedger {

    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Map<String, ShardProgress> progress = new HashMap<>();
    private final Set<String> steps = new HashSet<>();
    private final Set<String> announced = new HashSet<>();
    private final Map<String, Integer> updates = new HashMap<>();
    /** Recording this many more steps fails, as a table that cannot be written does. */
    public int failAdvances;

    @Override
    public synchronized void open(RunRecord started) {
        RunRecord existing = runs.get(started.runId());
        if (existing == null || existing.status() != RunRecord.Status.COMPLETED && !steps.contains(started.runId())) {
            runs.put(started.runId(), started);
        }
    }

    @Override
    public synchronized boolean complete(RunRecord finished) {
        RunRecord existing = runs.get(finished.runId());
        if (existing != null && existing.status() == RunRecord.Status.COMPLETED) {
            return false;
        }
        runs.put(finished.runId(), finished);
        return true;
    }

    @Override
    public synchronized List<RunRecord> expire(Instant now) {
        List<RunRecord> expired = new ArrayList<>();
        runs.replaceAll((id, run) -> {
            if (run.status() == RunRecord.Status.RUNNING && run.deadline().isBefore(now)) {
                expired.add(run.incomplete());
                return run.incomplete();
            }
            return run;
        });
        return expired;
    }

    @Override
    public synchronized Optional<RunRecord> read(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized ShardProgress progress(String runId, Shard shard) {
        return progress.getOrDefault(runId + "#" + shard, ShardProgress.START);
    }

    @Override
    public synchronized boolean advance(ShardStep step, StepTaken taken) {
        String next = taken.next();
        Map<PoolOutcome.Kind, Integer> counts = taken.counts();
        ShardFailure failure = taken.failure();
        if (failAdvances > 0) {
            failAdvances--;
            throw new StateStoreException("run table unavailable", null);
        }
        String key = step.runId() + "#" + step.shard();
        RunRecord run = runs.get(step.runId());
        if (progress(step.runId(), step.shard()).step() != step.step() || run == null) {
            return false;
        }
        progress.put(key, new ShardProgress(step.step() + 1, next, next == null));
        steps.add(step.runId());
        Map<PoolOutcome.Kind, Integer> sum = new EnumMap<>(PoolOutcome.Kind.class);
        sum.putAll(run.counts());
        counts.forEach((kind, n) -> sum.merge(kind, n, Integer::sum));
        List<ShardFailure> failed = new ArrayList<>(run.failedShards());
        int done = run.shardsDone();
        if (next == null && failure == null) {
            done++;
        } else if (failure != null) {
            failed.add(failure);
        }
        runs.put(step.runId(), RunRecordBuilder.builder(run).shardsDone(done).failedShards(failed).counts(sum).build());
        return true;
    }

    @Override
    public synchronized Optional<RunRecord> completeIfEnded(String runId, Instant at) {
        RunRecord run = runs.get(runId);
        if (run == null || run.status() != RunRecord.Status.RUNNING
                || run.shardsDone() + run.failedShards().size() != run.shardsTotal()) {
            return Optional.empty();
        }
        RunRecord completed = RunRecordBuilder.builder(run).status(RunRecord.Status.COMPLETED).finishedAt(at).build();
        runs.put(runId, completed);
        return Optional.of(completed);
    }

    @Override
    public synchronized void announced(String runId) {
        announced.add(runId);
    }

    @Override
    public synchronized Optional<RunRecord> unannounced(String runId) {
        RunRecord run = runs.get(runId);
        return run != null && run.status() == RunRecord.Status.COMPLETED && !announced.contains(runId)
                ? Optional.of(run) : Optional.empty();
    }

    @Override
    public synchronized boolean takeUpdate(String runId, int limit) {
        int taken = updates.getOrDefault(runId, 0);
        if (taken >= limit) {
            return false;
        }
        updates.put(runId, taken + 1);
        return true;
    }

    @Override
    public synchronized void returnUpdate(String runId) {
        updates.merge(runId, -1, Integer::sum);
    }
}
