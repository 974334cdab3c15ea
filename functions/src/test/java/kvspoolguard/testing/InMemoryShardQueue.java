package kvspoolguard.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kvspoolguard.core.ShardedRuns;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.ShardQueue;
import kvspoolguard.core.run.ShardQueueException;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;

/**
 * The shard queue in memory, deduplicating as the FIFO queue does (by run, shard and step), with
 * a way to take every step queued the way the workers do, for the core's tests.
 */
public final class InMemoryShardQueue implements ShardQueue {

    private final Deque<ShardStep> waiting = new ArrayDeque<>();
    private final Set<String> sent = new HashSet<>();
    private final List<ShardStep> history = new ArrayList<>();
    private boolean refusing;

    @Override
    public synchronized void send(List<ShardStep> steps) {
        if (refusing) {
            throw new ShardQueueException("the queue refuses (test)", null);
        }
        for (ShardStep step : steps) {
            if (sent.add(step.runId() + "#" + step.shard() + "#" + step.step())) {
                waiting.add(step);
                history.add(step);
            }
        }
    }

    /** Each delivery brought back sooner: its receipt and after how long. */
    public final List<String> redelivered = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void redeliverAfter(String receipt, Duration delay) {
        redelivered.add(receipt + " after " + delay);
    }

    public synchronized void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    /** Every step ever queued (once each), in the order sent. */
    public synchronized List<ShardStep> history() {
        return List.copyOf(history);
    }

    public synchronized ShardStep take() {
        return waiting.poll();
    }

    /**
     * Plans a sweep and takes every step it queues, one after the other, as workers with all the
     * time they need would: one result of the whole, its pools' outcomes and events in the order
     * the steps made them.
     */
    public TriggerResult sweep(ShardedRuns runs, Trigger trigger, RunOptions options) {
        List<TriggerResult> results = new ArrayList<>();
        results.add(runs.plan(trigger, options));
        for (ShardStep step = take(); step != null; step = take()) {
            results.add(runs.step(step, trigger, options.withStepReserve(Duration.ZERO)));
        }
        return TriggerResults.merged(trigger, results);
    }
}
