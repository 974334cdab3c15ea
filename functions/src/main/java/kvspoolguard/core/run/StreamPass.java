package kvspoolguard.core.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.StreamRetentionDrifted;
import kvspoolguard.core.events.StreamRetentionDrifted.Action;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.stream.PoolStreams;
import kvspoolguard.core.stream.Stream;
import kvspoolguard.core.stream.StreamDirectory;
import kvspoolguard.core.stream.StreamDirectoryException;
import kvspoolguard.core.stream.StreamDrift;

/**
 * A run's second look at each pool: its streams, once the pool is found within the policy. Each
 * stream of an ACTIVE pool must hold the pool's retention: the policy's for a governed pool (a
 * compliant one holds it already), the pool's own for an exempt one (a stream that differs from an
 * exempt pool is reported, never changed). A pool the run changed is UPDATING, and the service is
 * bringing its streams to its new setting: they are judged by a later run. A pool left outside the
 * policy (deferred, held, failed) has its streams judged once it is within it.
 *
 * <p>Every drift is announced ({@code Stream Retention Drifted}) before anything is done about it;
 * a change is made only once the bus has the announcement. A change takes a slot of the run's
 * update cap, and a decrease draws on the day's decrease budget, as a pool's change does. A stream
 * that changed since it was listed ({@code VersionMismatchException}) is read again and judged
 * again, never overwritten; after any failed change the stream is read again, and its slots are
 * given back only when it shows the change was not made.
 */
final class StreamPass {

    /** How many times a stream that keeps changing under the guard is read and judged again. */
    static final int ATTEMPTS = 2;

    private final StreamDirectory directory;
    private final PoolDirectory pools;
    private final Clock clock;

    StreamPass(StreamDirectory directory, PoolDirectory pools, Clock clock) {
        this.directory = directory;
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * What one pass works with: the run's terms, its cap, how it reads streams, and the call on a
     * stream the run answers (null: none).
     */
    record Pass(RunTerms terms, UpdateSlots cap, StreamReads reads, StreamCall call) {
    }

    /** The streams of one pool the run judged. */
    List<StreamOutcome> govern(PoolOutcome outcome, Pass pass) {
        Pool pool = outcome.observed();
        boolean exempt = outcome.kind() == PoolOutcome.Kind.EXEMPT;
        if (pool == null || !(exempt || outcome.kind() == PoolOutcome.Kind.COMPLIANT) || !PoolStreams.judged(pool)) {
            return List.of();
        }
        Shard where = StreamReads.streamShard(pool);
        if (!pools.governs(where)) {
            return List.of(StreamOutcome.failedPool(pool.arn(), "its streams are in " + where.region()
                    + ", a region this stack does not govern", false));
        }
        List<Stream> streams;
        try {
            streams = pass.reads().of(pool);
        } catch (StreamDirectoryException e) {
            return List.of(StreamOutcome.failedPool(pool.arn(), "its streams could not be listed: " + describe(e),
                    passes(e)));
        }
        Judged judged = new Judged(outcome, pass);
        List<StreamOutcome> outcomes = new ArrayList<>();
        for (StreamDrift drift : PoolStreams.drifted(pool, pool.retentionHours(), streams)) {
            outcomes.add(judged.correctAlone(drift));
        }
        return outcomes;
    }

    /**
     * What is done about a drift and why, with the cap's slot and the budget's draw it holds (to give
     * back); {@code failure}: why nothing could be decided (nothing is then announced).
     */
    private record Decision(Action action, StreamOutcome.Kind kind, String reason, UpdateSlots cap,
                            DecreaseBudget.Draw draw, String failure) {

        static Decision not(Action action, StreamOutcome.Kind kind, String reason) {
            return new Decision(action, kind, reason, null, null, null);
        }

        void giveBack() {
            if (cap != null) {
                cap.giveBack();
            }
            if (draw != null) {
                draw.giveBack();
            }
        }
    }

    /** A change tried: the drift, what was decided about it, and which attempt at it this was (from 1). */
    private record Attempt(StreamDrift drift, Decision decision, int number) {
    }

    /** A pool within the policy, whose streams are being corrected in a pass. */
    private final class Judged {
        private final Pool pool;
        private final boolean exempt;
        private final Pass pass;

        Judged(PoolOutcome outcome, Pass pass) {
            this.pool = outcome.observed();
            this.exempt = outcome.kind() == PoolOutcome.Kind.EXEMPT;
            this.pass = pass;
        }

        /** One drift, whose failure, however unexpected, is its own outcome and never the pool's other streams'. */
        StreamOutcome correctAlone(StreamDrift drift) {
            try {
                return correct(drift, 1);
            } catch (RuntimeException e) {
                return outcome(drift, StreamOutcome.Kind.FAILED, "unexpected error: " + e);
            }
        }

        /** One drift: decided, announced, then (when due) corrected from the version it was read in. */
        StreamOutcome correct(StreamDrift drift, int attempt) {
            Decision decision = decide(drift);
            if (decision.failure() != null) {
                return outcome(drift, StreamOutcome.Kind.FAILED, decision.failure()).markedRetryable();
            }
            if (!pass.terms().recorder().announce(List.of(announcement(drift, decision)))) {
                decision.giveBack();
                return outcome(drift, StreamOutcome.Kind.FAILED, "its drift could not be announced: nothing changed")
                        .markedRetryable();
            }
            if (decision.action() != Action.CORRECTING) {
                return outcome(drift, decision.kind(), decision.reason());
            }
            try {
                directory.changeRetention(drift.stream(), drift.toHours());
                return outcome(drift, StreamOutcome.Kind.CORRECTED, null);
            } catch (StreamDirectoryException e) {
                return afterFailure(new Attempt(drift, decision, attempt), e);
            }
        }

        /**
         * The change failed: the stream as read now says whether it was made after all (an attempt
         * the client retried may have landed before the answer was lost). Made: corrected, its slots
         * kept. Not made: its slots given back, and a stream changed meanwhile judged again. Not
         * readable: its slots kept, as it may have been made.
         */
        private StreamOutcome afterFailure(Attempt tried, StreamDirectoryException e) {
            StreamDrift drift = tried.drift();
            Decision decision = tried.decision();
            int attempt = tried.number();
            if (e.kind() == StreamDirectoryException.Kind.NOT_FOUND) {
                decision.giveBack();
                return outcome(drift, StreamOutcome.Kind.DEFERRED, "the stream no longer exists");
            }
            Stream now;
            try {
                now = directory.describe(drift.stream());
            } catch (StreamDirectoryException unread) {
                return failed(drift, "update failed (" + describe(e) + "), then read again: ", unread);
            }
            if (now.retentionHours() == drift.toHours()) {
                return outcome(drift, StreamOutcome.Kind.CORRECTED, e.kind() == StreamDirectoryException.Kind
                        .VERSION_MISMATCH ? "it holds its pool's retention as read again" : null);
            }
            decision.giveBack();
            if (e.kind() != StreamDirectoryException.Kind.VERSION_MISMATCH) {
                return failed(drift, "update failed: ", e);
            }
            if (!now.active()) {
                return outcome(drift, StreamOutcome.Kind.DEFERRED, "it is " + now.status() + " as read again");
            }
            if (attempt >= ATTEMPTS) {
                return outcome(drift, StreamOutcome.Kind.DEFERRED, "it changed while being corrected, " + attempt
                        + " times: left for the next run");
            }
            return correct(new StreamDrift(now, drift.toHours()), attempt + 1);
        }

        private Decision decide(StreamDrift drift) {
            RunTerms terms = pass.terms();
            if (exempt) {
                return Decision.not(Action.EXEMPT, StreamOutcome.Kind.EXEMPT,
                        "its pool is exempt: reported, never changed");
            }
            if (terms.options().dryRun()) {
                return Decision.not(Action.DRY_RUN, StreamOutcome.Kind.DRY_RUN, "dry-run");
            }
            if (drift.decreases() && terms.held() != null) {
                return Decision.not(Action.HELD, StreamOutcome.Kind.HELD, terms.held());
            }
            if (!pass.cap().tryTake()) {
                return Decision.not(Action.CAP_REACHED, StreamOutcome.Kind.CAP_REACHED,
                        "update cap of " + pass.cap().limit() + " reached");
            }
            DecreaseBudget.Draw draw = terms.decreases().draw(drift.fromHours(), drift.toHours(), clock.instant());
            try {
                if (!draw.take()) {
                    pass.cap().giveBack();
                    return Decision.not(Action.BUDGET_REACHED, StreamOutcome.Kind.BUDGET_REACHED, draw.spent());
                }
            } catch (StateStoreException e) {
                pass.cap().giveBack();
                return new Decision(null, null, null, null, null,
                        "the decrease budget could not be read: " + e.getMessage());
            }
            return new Decision(Action.CORRECTING, StreamOutcome.Kind.CORRECTED, null, pass.cap(), draw, null);
        }

        private GuardEvent announcement(StreamDrift drift, Decision decision) {
            Stream stream = drift.stream();
            var found = new StreamRetentionDrifted.Found(pool.id(), new StreamRetentionDrifted.EventStream(stream.arn(),
                    stream.name(), stream.shard().region()), stream.version(), drift.fromHours(), drift.toHours(),
                    decision.action(), decision.reason(), actorOf(stream));
            Origin origin = new Origin(pass.terms().options().runId(), pass.terms().recorder().trigger().triggeredBy());
            return new GuardEvent(clock.instant(), StreamRetentionDrifted.of(origin, EventPool.of(PoolRef.of(pool)),
                    found));
        }

        /** Who changed the stream, when the run answers CloudTrail's record of a call on it (null: not known). */
        private Actor actorOf(Stream stream) {
            StreamCall call = pass.call();
            return call != null && call.streamName().equals(stream.name()) && !call.byTheService() ? call.actor() : null;
        }

        private StreamOutcome outcome(StreamDrift drift, StreamOutcome.Kind kind, String reason) {
            return new StreamOutcome(pool.arn(), drift.stream().arn(), kind, drift.fromHours(), drift.toHours(), reason,
                    false);
        }

        private StreamOutcome failed(StreamDrift drift, String what, StreamDirectoryException e) {
            StreamOutcome failed = outcome(drift, StreamOutcome.Kind.FAILED, what + describe(e));
            return passes(e) ? failed.markedRetryable() : failed;
        }
    }

    private static boolean passes(StreamDirectoryException e) {
        return e.kind() == StreamDirectoryException.Kind.THROTTLED
                || e.kind() == StreamDirectoryException.Kind.UNAVAILABLE;
    }

    private static String describe(StreamDirectoryException e) {
        return e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
    }
}
