package kvspoolguard.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kvspoolguard.core.run.RunLedger;
import kvspoolguard.core.run.RunRecord;

/** The run ledger in memory, with the conditional semantics of the DynamoDB one. */
public final class InMemoryRunLedger implements RunLedger {

    private final Map<String, RunRecord> runs = new LinkedHashMap<>();

    @Override
    public synchronized void open(RunRecord started) {
        RunRecord existing = runs.get(started.runId());
        if (existing == null || existing.status() != RunRecord.Status.COMPLETED) {
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
}
