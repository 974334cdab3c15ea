package kvspoolguard.core.run;

import java.util.List;

/**
 * Where a run's shard steps wait for a worker. Steps of one shard are taken one at a time, in the
 * order sent, so that a shard is never swept by two workers at once; sending the same step again
 * (a retried planner, a redelivered worker) queues it once.
 */
public interface ShardQueue {

    /** @throws ShardQueueException when a step could not be queued: the caller tries again */
    void send(List<ShardStep> steps);
}
