package kvspoolguard.core.run;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one enforcement run: counts per outcome kind, every pool's outcome in listing order,
 * what it did with the streams of the pools it found within the policy (drifted ones only),
 * and the shards a sweep could not list. Built by name: {@link #builder}, {@link #toBuilder}.
 * {@code updateCap} is {@link Integer#MAX_VALUE} when the run had none.
 */
@RecordBuilder
public record RunReport(String runId, Instant startedAt, Instant finishedAt, boolean dryRun, String policySource,
                        String policyVersion, int updateCap, List<PoolOutcome> outcomes, List<StreamOutcome> streams,
                        List<ShardFailure> failedShards) {

    public RunReport {
        outcomes = List.copyOf(outcomes);
        streams = List.copyOf(streams);
        failedShards = List.copyOf(failedShards);
    }

    /** A report of the run {@code runId} started at {@code startedAt}: no pool, no cap, not a dry run, until told. */
    public static RunReportBuilder builder(String runId, Instant startedAt) {
        return RunReportBuilder.builder().runId(runId).startedAt(startedAt).updateCap(Integer.MAX_VALUE)
                .outcomes(List.of()).streams(List.of()).failedShards(List.of());
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

    /** How many of the run's stream outcomes are of each kind (a pool-wide one counts once). */
    public Map<StreamOutcome.Kind, Integer> streamCounts() {
        Map<StreamOutcome.Kind, Integer> counts = new EnumMap<>(StreamOutcome.Kind.class);
        for (StreamOutcome.Kind kind : StreamOutcome.Kind.values()) {
            counts.put(kind, 0);
        }
        streams.forEach(s -> counts.merge(s.kind(), 1, Integer::sum));
        return counts;
    }

    /** True when the cap left a pool's change or a stream's undone. */
    public boolean capReached() {
        return count(PoolOutcome.Kind.CAP_REACHED) > 0 || streamCounts().get(StreamOutcome.Kind.CAP_REACHED) > 0;
    }
}
