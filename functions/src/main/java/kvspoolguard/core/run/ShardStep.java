package kvspoolguard.core.run;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import kvspoolguard.core.pool.Shard;

/**
 * One step of a run in one shard, as a worker takes it from the queue: the run, the shard, the
 * step's number (0 for the first, one more for each continuation) and the page it starts from
 * (null: the first). A worker whose time runs low ends its step at a page boundary and queues the
 * next step with the token of the first page it did not list, so that no page is listed twice.
 */
@RecordBuilder
public record ShardStep(String runId, Trigger.Kind trigger, boolean dryRun, Shard shard, int step,
                        String pageToken) {

    public ShardStep {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(shard, "shard");
        if (step < 0) {
            throw new IllegalArgumentException("a step's number is 0 or more, got " + step);
        }
        if (step == 0 && pageToken != null) {
            throw new IllegalArgumentException("the first step of a shard starts from its first page");
        }
    }

    /** The first step of {@code shard} in {@code run}. */
    public static ShardStep first(RunRecord run, Shard shard) {
        return new ShardStep(run.runId(), run.trigger(), run.dryRun(), shard, 0, null);
    }

    /** A step by name, as a message states it. */
    public static ShardStepBuilder builder() {
        return ShardStepBuilder.builder();
    }

    /** Step number {@code step} of the same shard in the same run, starting from {@code pageToken} (null: the first page). */
    public ShardStep at(int step, String pageToken) {
        return new ShardStep(runId, trigger, dryRun, shard, step, pageToken);
    }

    /** The step after this one, starting from {@code pageToken}. */
    public ShardStep next(String pageToken) {
        return new ShardStep(runId, trigger, dryRun, shard, step + 1, Objects.requireNonNull(pageToken, "pageToken"));
    }
}
