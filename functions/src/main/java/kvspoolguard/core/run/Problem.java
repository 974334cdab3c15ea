package kvspoolguard.core.run;

import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;

/**
 * Why a use case could not do what it was asked, as a value: the edge that answers a caller (the
 * HTTP API) maps each kind once. {@code message} is for the log; only the kinds that say so are
 * safe to show a caller.
 */
public sealed interface Problem {

    String message();

    /** The policy document is invalid: nothing is judged or changed until it is fixed (fail closed). Safe to show. */
    record PolicyInvalid(String message) implements Problem {
    }

    /** The policy could not be read and nothing valid is cached: worth trying again later. */
    record PolicyUnavailable(String message) implements Problem {
    }

    /**
     * The policy cannot be read, and no run acts until it can (fails closed): reading it is denied
     * ({@code denied}), or it has been unreadable for longer than the last policy read may stand in.
     */
    record PolicyUnreadable(String message, boolean denied) implements Problem {
    }

    /** The value asked for is outside the pool's rule. Safe to show. */
    record OutsidePolicy(String message) implements Problem {
    }

    /**
     * The value asked for lowers the retention, and the day's decrease budget is spent: nothing was
     * changed. {@code secondsLeft}: until the next UTC day, when the budget is new. Safe to show.
     */
    record BudgetSpent(String message, long secondsLeft) implements Problem {
    }

    /** An approval names a version or a digest other than the policy in force's. Safe to show. */
    record PolicyMismatch(String message) implements Problem {
    }

    /** The pool is not ACTIVE, so its retention cannot change now. Safe to show. */
    record PoolNotActive(String message) implements Problem {
    }

    /** The page token was not issued by the directory or is no longer accepted. Safe to show. */
    record TokenRejected(String message) implements Problem {
    }

    /**
     * The pool is in an account or region this stack does not govern: nothing is read or changed.
     * Safe to show.
     */
    record Ungoverned(String message) implements Problem {

        /** The pool is in an account or region the stack does not govern. */
        public static Ungoverned of(PoolRef pool) {
            return new Ungoverned("pool " + pool.identifier() + " is in account " + pool.account() + ", region "
                    + pool.region() + ", which this stack does not govern");
        }
    }

    /**
     * CloudTrail's record of a call this service made itself: its enforcement, reported as such
     * already, so neither recorded as someone's call nor taken for a drift. Not a failure.
     */
    record OwnCall(String message) implements Problem {

        public static OwnCall of(PoolCall call) {
            return new OwnCall("CloudTrail event " + call.callId() + " is this service's own " + call.action()
                    + " of the pool: not a drift");
        }

        /** The guard's own change of a stream, or the media pipelines service's (propagating its pool). */
        public static OwnCall of(StreamCall call) {
            return new OwnCall("CloudTrail event " + call.callId() + " is " + (call.byTheService()
                    ? "the media pipelines service's" : "this service's") + " own " + call.action() + " of stream "
                    + call.streamName() + ": not a drift");
        }
    }

    /**
     * An {@code Enforcement Requested} event for a run the API did not record as asked for (no such
     * run, one already ended, or other options): whoever put it on the bus cannot start a run.
     */
    record RunNotRequested(String message) implements Problem {
    }

    /** No run of that id is recorded. Safe to show. */
    record RunNotFound(String message) implements Problem {
    }

    /** A requested run could not be handed to the enforcer (the bus refused it): nothing will run. */
    record RunNotQueued(String message) implements Problem {
    }

    /** The runs' records could not be read now: worth trying again later. */
    record RecordsUnavailable(String message) implements Problem {
    }

    /** The pools' history could not be read now: worth trying again later. */
    record HistoryUnavailable(String message) implements Problem {
    }

    /** The Chime SDK Media Pipelines API failed, after the client's retries; {@code message} names what was called. */
    record Upstream(PoolDirectoryException.Kind kind, String message) implements Problem {
    }

    /** The problem a failure of the pool directory is. */
    static Problem of(PoolDirectoryException e) {
        if (e.kind() == PoolDirectoryException.Kind.TOKEN_REJECTED) {
            return new TokenRejected(e.getMessage());
        }
        return new Upstream(e.kind(), e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
    }
}
