package kvspoolguard.core.run;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kvspoolguard.core.events.EnforcementRunCompleted;
import kvspoolguard.core.events.EnforcementRunIncomplete;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.RunCounts;

/**
 * What is known of one run while it goes and after: kept so that a caller can ask how a run went
 * ({@code GET /enforcements/{runId}}) and so that a run that never finished is reported. A run is
 * {@code RUNNING} from its start, {@code COMPLETED} when it finished (whatever its shards' fate),
 * {@code INCOMPLETE} when its deadline passed first. {@code finishedAt} and the counts are null
 * and empty until it finished.
 */
@RecordBuilder
public record RunRecord(String runId, Status status, Trigger.Kind trigger, boolean dryRun, Instant startedAt,
                        Instant deadline, Instant finishedAt, int shardsTotal, int shardsDone,
                        List<ShardFailure> failedShards, Map<PoolOutcome.Kind, Integer> counts) {

    public enum Status { RUNNING, COMPLETED, INCOMPLETE }

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        failedShards = List.copyOf(failedShards);
        // in the outcomes' order, the same on every JVM (Map.copyOf's order is not)
        Map<PoolOutcome.Kind, Integer> ordered = new EnumMap<>(PoolOutcome.Kind.class);
        ordered.putAll(counts);
        counts = Collections.unmodifiableMap(ordered);
    }

    /**
     * A run of {@code options} just started by a trigger of kind {@code trigger}: RUNNING, nothing
     * done or counted; when, its deadline and over how many shards by name.
     */
    public static RunRecordBuilder started(RunOptions options, Trigger.Kind trigger) {
        return builder().runId(options.runId()).status(Status.RUNNING).trigger(trigger).dryRun(options.dryRun());
    }

    /** A run's record by name (as the store keeps it); no failed shard and no count unless set. */
    public static RunRecordBuilder builder() {
        return RunRecordBuilder.builder().failedShards(List.of()).counts(Map.of());
    }

    /** This run, finished as {@code report} says. */
    public RunRecord completed(RunReport report) {
        return new RunRecord(runId, Status.COMPLETED, trigger, dryRun, startedAt, deadline, report.finishedAt(),
                shardsTotal, shardsTotal - report.failedShards().size(), report.failedShards(), report.counts());
    }

    /**
     * Enforcement Run Completed for this finished run, judged by {@code policy}, under the count cap
     * {@code updateCap} (null: none).
     */
    public EnforcementRunCompleted completedEvent(EnforcementRunCompleted.PolicyRead policy, Integer updateCap,
                                                  Trigger by) {
        var shards = failedShards.stream().map(f -> new EnforcementRunCompleted.FailedShard(f.shard().account(),
                f.shard().region(), f.reason())).toList();
        return EnforcementRunCompleted.builder(new Origin(runId, by.triggeredBy())).dryRun(dryRun)
                .startedAt(startedAt).finishedAt(finishedAt).policy(policy).updateCap(updateCap).counts(runCounts())
                .failedShards(shards).build();
    }

    /** The counts by the names events give them: one field per outcome. */
    private RunCounts runCounts() {
        return RunCounts.builder().compliant(count(PoolOutcome.Kind.COMPLIANT)).exempt(count(PoolOutcome.Kind.EXEMPT))
                .enforced(count(PoolOutcome.Kind.ENFORCED)).dryRun(count(PoolOutcome.Kind.DRY_RUN))
                .deferred(count(PoolOutcome.Kind.DEFERRED)).capReached(count(PoolOutcome.Kind.CAP_REACHED))
                .budgetReached(count(PoolOutcome.Kind.BUDGET_REACHED)).held(count(PoolOutcome.Kind.HELD)).failed(count(PoolOutcome.Kind.FAILED)).build();
    }

    /** How many pools the run covered: every outcome of every shard. */
    public int pools() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private int count(PoolOutcome.Kind kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** Enforcement Run Incomplete for this run. */
    public EnforcementRunIncomplete incompleteEvent(Trigger by) {
        return EnforcementRunIncomplete.builder(new Origin(runId, by.triggeredBy())).startedAt(startedAt)
                .deadline(deadline).shards(shardsTotal).build();
    }

    /** This run, reported incomplete: its deadline passed before it finished. */
    public RunRecord incomplete() {
        return new RunRecord(runId, Status.INCOMPLETE, trigger, dryRun, startedAt, deadline, null, shardsTotal,
                shardsDone, failedShards, counts);
    }
}
