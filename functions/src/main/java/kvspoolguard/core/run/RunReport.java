package kvspoolguard.core.run;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one enforcement run: counts per outcome kind, every pool's outcome in listing order,
 * and the shards a sweep could not list. Built by name: {@link #builder}, {@link #toBuilder}.
 * {@code updateCap} is {@link Integer#MAX_VALUE} when the run had none.
 */
@RecordBuilder
public record RunReport(String runId, Instant startedAt, Instant finishedAt, boolean dryRun, String policySource,
                        String policyVersion, int updateCap, List<PoolOutcome> outcomes,
                        List<ShardFailure> failedShards) {

    public RunReport {
        outcomes = List.copyOf(outcomes);
        failedShards = List.copyOf(failedShards);
    }

    /** A report of the run {@code runId} started at {@code startedAt}: no pool, no cap, not a dry run, until told. */
    public static RunReportBuilder builder(String runId, Instant startedAt) {
        return RunReportBuilder.builder().runId(runId).startedAt(startedAt).updateCap(Integer.MAX_VALUE)
                .outcomes(List.of()).failedShards(List.of());
    }

    public RunReportBuilder toBuilder() {
        return RunReportBuilder.builder(this);
    }

    public Map<PoolOutcome.Kind, Integer> counts() {
        Map<PoolOutcome.Kind, Integer> counts = new EnumMap<>(PoolOutcome.Kind.class);
        for (PoolOutcome.Kind kind : PoolOutcome.Kind.values()) {
            counts.put(kind, 0);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return counts;
    }

    public int count(PoolOutcome.Kind kind) {
        return counts().get(kind);
    }

    public boolean capReached() {
        return count(PoolOutcome.Kind.CAP_REACHED) > 0;
    }
}
