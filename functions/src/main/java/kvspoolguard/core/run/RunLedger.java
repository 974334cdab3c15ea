package kvspoolguard.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
}
