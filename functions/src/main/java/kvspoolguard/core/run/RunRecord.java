package kvspoolguard.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known of one run while it goes and after: kept so that a caller can ask how a run went
 * ({@code GET /enforcements/{runId}}) and so that a run that never finished is reported. A run is
 * {@code RUNNING} from its start, {@code COMPLETED} when it finished (whatever its shards' fate),
 * {@code INCOMPLETE} when its deadline passed first. {@code finishedAt} and the counts are null
 * and empty until it finished.
 */
public record RunRecord(String runId, Status status, Trigger.Kind trigger, boolean dryRun, Instant startedAt,
                        Instant deadline, Instant finishedAt, int shardsTotal, int shardsDone,
                        List<ShardFailure> failedShards, Map<PoolOutcome.Kind, Integer> counts) {

    public enum Status { RUNNING, COMPLETED, INCOMPLETE }

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        failedShards = List.copyOf(failedShards);
        counts = Map.copyOf(counts);
    }

    /** A run just started over {@code shards} shards. */
    public static RunRecord started(String runId, Trigger.Kind trigger, boolean dryRun, Instant at, Instant deadline,
                                    int shards) {
        return new RunRecord(runId, Status.RUNNING, trigger, dryRun, at, deadline, null, shards, 0, List.of(),
                Map.of());
    }

    /** This run, finished as {@code report} says. */
    public RunRecord completed(RunReport report) {
        return new RunRecord(runId, Status.COMPLETED, trigger, dryRun, startedAt, deadline, report.finishedAt(),
                shardsTotal, shardsTotal - report.failedShards().size(), report.failedShards(), report.counts());
    }

    /** This run, reported incomplete: its deadline passed before it finished. */
    public RunRecord incomplete() {
        return new RunRecord(runId, Status.INCOMPLETE, trigger, dryRun, startedAt, deadline, null, shardsTotal,
                shardsDone, failedShards, counts);
    }
}
