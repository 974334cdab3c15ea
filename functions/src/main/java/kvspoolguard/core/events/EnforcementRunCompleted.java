package kvspoolguard.core.events;

import java.time.Instant;
import java.util.List;

/**
 * A run finished: its counts summed over its shards, and the shards that failed. {@code updateCap}
 * is the run's count cap (null: none); the policy's version is null when it could not be read.
 */
public record EnforcementRunCompleted(String eventId, String runId, boolean dryRun, Instant startedAt,
                                      Instant finishedAt, PolicyRead policy, Integer updateCap, boolean capReached,
                                      int pools, RunCounts counts, List<FailedShard> failedShards,
                                      TriggeredBy trigger) implements EventDetail {

    public EnforcementRunCompleted {
        failedShards = failedShards == null ? List.of() : List.copyOf(failedShards);
    }

    /** The policy a run judged by: where it was read and which version (null: could not be read). */
    public record PolicyRead(String source, String version) {
    }

    /** A shard a run could not list, and why. */
    public record FailedShard(String account, String region, String reason) {
    }

    /** What one run did, between two times. */
    public record Run(String runId, boolean dryRun, Instant startedAt, Instant finishedAt) {
    }

    public static EnforcementRunCompleted of(Run run, PolicyRead policy, Integer updateCap, RunCounts counts,
                                             List<FailedShard> failedShards, TriggeredBy trigger) {
        return new EnforcementRunCompleted(EventIds.of(EventType.ENFORCEMENT_RUN_COMPLETED, run.runId()), run.runId(),
                run.dryRun(), run.startedAt(), run.finishedAt(), policy, updateCap, counts.capReached() > 0,
                counts.pools(), counts, failedShards, trigger);
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_RUN_COMPLETED;
    }
}
