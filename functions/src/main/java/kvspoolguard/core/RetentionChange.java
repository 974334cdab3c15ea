package kvspoolguard.core;

import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.TriggerResult;

/** What became of a caller's request to set a pool's retention. */
public sealed interface RetentionChange {

    /** The pool now has the retention asked for; {@code run} says what was recorded and published. */
    record Changed(PoolVerdicts.Judged pool, TriggerResult run) implements RetentionChange {
    }

    /** The pool already had it: nothing was updated or reported. */
    record Unchanged(PoolVerdicts.Judged pool, TriggerResult run) implements RetentionChange {
    }

    /**
     * Not made: the policy could not be read, the pool could not be read, the value is outside the
     * pool's rule, the pool is not ACTIVE, or the Update failed. {@code run}: what was recorded and
     * published before the Update failed (null when nothing was).
     */
    record Refused(Problem problem, TriggerResult run) implements RetentionChange {
    }
}
