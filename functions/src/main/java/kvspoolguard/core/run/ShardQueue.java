package kvspoolguard.core.run;

import java.time.Duration;
import java.util.List;

/**
 * Where a run's shard steps wait for a worker. Steps of one shard are taken one at a time, in the
 * order sent, so that a shard is never swept by two workers at once; sending the same step again
 * (a retried planner, a redelivered worker) queues it once.
 */
public interface ShardQueue {

    /** @throws ShardQueueException when a step could not be queued: the caller tries again */
    void send(List<ShardStep> steps);

    /**
     * A step taken and not finished ({@code receipt}: its delivery) comes back after {@code delay}
     * rather than after the queue's whole visibility timeout, which is sized for a step that runs
     * its full time; a step left waiting that long would hold its shard past the run's deadline.
     *
     * @throws ShardQueueException when the queue refused: the step then comes back after the timeout
     */
    void redeliverAfter(String receipt, Duration delay);
}
