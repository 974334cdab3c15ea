package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * A run finished: its counts summed over its shards, and the shards that failed. {@code updateCap}
 * is the run's count cap (null: none); the policy's version is null when it could not be read.
 */
@RecordBuilder
public record EnforcementRunCompleted(String eventId, String runId, boolean dryRun, Instant startedAt,
                                      Instant finishedAt, PolicyRead policy, Integer updateCap, boolean capReached,
                                      int pools, RunCounts counts, List<FailedShard> failedShards,
                                      TriggeredBy trigger) implements EventDetail {

    public EnforcementRunCompleted {
        failedShards = failedShards == null ? List.of() : List.copyOf(failedShards);
        if (counts != null) { // what the counts say, whoever built the event
            capReached = counts.capReached() > 0;
            pools = counts.pools();
        }
    }

    /** The policy a run judged by: where it was read and which version (null: could not be read). */
    public record PolicyRead(String source, String version) {
    }

    /** A shard a run could not list, and why. */
    public record FailedShard(String account, String region, String reason) {
    }

    /**
     * The event of the run {@code origin} names, its id by its rule; the rest by name
     * ({@code capReached} and {@code pools} follow from {@code counts}).
     */
    public static EnforcementRunCompletedBuilder builder(Origin origin) {
        return EnforcementRunCompletedBuilder.builder().runId(origin.runId()).trigger(origin.trigger())
                .eventId(EventIds.of(EventType.ENFORCEMENT_RUN_COMPLETED, origin.runId()));
    }

    @Override
    public EventType type() {
        return EventType.ENFORCEMENT_RUN_COMPLETED;
    }
}
