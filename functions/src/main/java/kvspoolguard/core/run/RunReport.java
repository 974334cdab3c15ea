package kvspoolguard.core.run;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one enforcement run: counts per outcome kind, every pool's outcome in listing order,
 * and the shards a sweep could not list. Built by name: {@link #builder}, {@link #toBuilder}.
 * {@code updateCap} is {@link Integer#MAX_VALUE} when the run had none.
 */
public record RunReport(String runId, Instant startedAt, Instant finishedAt, boolean dryRun, String policySource,
                        String policyVersion, int updateCap, List<PoolOutcome> outcomes,
                        List<ShardFailure> failedShards) {

    public RunReport {
        outcomes = List.copyOf(outcomes);
        failedShards = List.copyOf(failedShards);
    }

    /** A report of the run {@code runId} started at {@code startedAt}: no pool, no cap, not a dry run, until told. */
    public static Builder builder(String runId, Instant startedAt) {
        return new Builder(runId, startedAt);
    }

    public Builder toBuilder() {
        return new Builder(runId, startedAt).finishedAt(finishedAt).dryRun(dryRun).policy(policySource, policyVersion)
                .updateCap(updateCap).outcomes(outcomes).failedShards(failedShards);
    }

    /** A {@link RunReport} by name. */
    public static final class Builder {
        private final String runId;
        private final Instant startedAt;
        private Instant finishedAt;
        private boolean dryRun;
        private String policySource;
        private String policyVersion;
        private int updateCap = Integer.MAX_VALUE;
        private List<PoolOutcome> outcomes = List.of();
        private List<ShardFailure> failedShards = List.of();

        private Builder(String runId, Instant startedAt) {
            this.runId = runId;
            this.startedAt = startedAt;
            this.finishedAt = startedAt;
        }

        public Builder finishedAt(Instant value) {
            finishedAt = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        /** The policy the run judged by: where it was read, and its version. */
        public Builder policy(String source, String version) {
            policySource = source;
            policyVersion = version;
            return this;
        }

        public Builder updateCap(int value) {
            updateCap = value;
            return this;
        }

        public Builder outcomes(List<PoolOutcome> value) {
            outcomes = value;
            return this;
        }

        public Builder failedShards(List<ShardFailure> value) {
            failedShards = value;
            return this;
        }

        public RunReport build() {
            return new RunReport(runId, startedAt, finishedAt, dryRun, policySource, policyVersion, updateCap,
                    outcomes, failedShards);
        }
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
