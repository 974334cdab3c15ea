package kvspoolguard.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kvspoolguard.core.pool.Shard;

/**
 * Where runs are recorded. Writes are conditional, so that a run is completed once, and an
 * overdue run is reported incomplete once, however many invocations race.
 */
public interface RunLedger {

    /** Records a run as started; a run of the same id that did not complete is started again. */
    void open(RunRecord started);

    /** Records the run as finished; false when it was already completed. */
    boolean complete(RunRecord finished);

    /**
     * The runs still {@code RUNNING} whose deadline is before {@code now}, each marked {@code INCOMPLETE}
     * by this call: a run is returned by one call only.
     */
    List<RunRecord> expire(Instant now);

    Optional<RunRecord> read(String runId);

    /** Where {@code shard} stands in the run ({@link ShardProgress#START} when no step was recorded). */
    ShardProgress progress(String runId, Shard shard);

    /**
     * Records {@code step} as taken, as {@code taken} says, and adds its counts to the run's.
     * Conditional on the shard being at that step, in one write with the run's counts: false, and
     * nothing written, when the step was recorded already.
     */
    boolean advance(ShardStep step, StepTaken taken);

    /**
     * Completes the run if every one of its shards ended: the completed record when this call
     * completed it, empty when shards are still going or another call completed it first.
     */
    Optional<RunRecord> completeIfEnded(String runId, Instant at);

    /** The run's completion was published. */
    void announced(String runId);

    /** The run, when it completed and its completion was not published (its invocation died first). */
    Optional<RunRecord> unannounced(String runId);

    /**
     * Takes one of the run's {@code limit} updates, across every shard's steps: false when they are
     * all taken.
     */
    boolean takeUpdate(String runId, int limit);

    /** Gives back an update taken and not made. */
    void returnUpdate(String runId);

    /** The run's count cap as a step's update slots take from it: kept in its record, across steps and shards. */
    default UpdateSlots.RunWide capOf(String runId) {
        RunLedger runs = this;
        return new UpdateSlots.RunWide() {
            @Override
            public boolean take(int limit) {
                return runs.takeUpdate(runId, limit);
            }

            @Override
            public void giveBack() {
                runs.returnUpdate(runId);
            }
        };
    }
}
