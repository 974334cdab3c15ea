package kvspoolguard.core;

import kvspoolguard.core.pool.PoolDirectoryException;

/** What became of a caller's request to set a pool's retention. */
public sealed interface RetentionChange {

    /** The pool now has the retention asked for; {@code run} says what was recorded and published. */
    record Changed(GuardedPools.Judged pool, RunResult run) implements RetentionChange {
    }

    /** The pool already had it: nothing was updated or reported. */
    record Unchanged(GuardedPools.Judged pool, RunResult run) implements RetentionChange {
    }

    /** Refused before any update: the value is outside the pool's rule, or the pool is not ACTIVE. */
    record Refused(Reason reason, String message) implements RetentionChange {

        /** Why a change was refused. */
        public enum Reason {
            OUTSIDE_POLICY, POOL_NOT_ACTIVE
        }
    }

    /** The update itself failed; what was observed before it is in {@code run}. */
    record Failed(PoolDirectoryException failure, RunResult run) implements RetentionChange {
    }
}
