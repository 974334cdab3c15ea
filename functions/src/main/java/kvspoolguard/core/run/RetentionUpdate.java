package kvspoolguard.core.run;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.Intent;
import kvspoolguard.core.state.Observation;

/**
 * The one way this service changes a pool's retention, for a sweep, a state change and a caller
 * alike: record the intent, Update, record the result, queue the report. Recording the intent
 * first is what makes the change crash-safe and keeps the {@code aws.chime} Updated event it
 * causes from reading as drift; see docs/architecture.md.
 */
public final class RetentionUpdate {

    /** What the Update came to. */
    public sealed interface Result {
        /** The service answered with the pool as changed. */
        record Made(Pool answer) implements Result {
        }

        /** The service refused or failed (after the client's retries); the intent stays in the outbox, not due. */
        record NotMade(PoolDirectoryException cause) implements Result {
        }
    }

    /**
     * What an update sets: {@code hours}, where the pool then stands with the policy ({@code after}),
     * {@code report}, which makes the event reporting the change as of a moment, and what exempts
     * the pool ({@code exemption}, null: nothing), to report an exemption it starts.
     */
    public record Target(int hours, Standing after, Function<Instant, GuardEvent> report, Verdict.Exempt exemption) {

        /** A target for a pool that nothing exempts. */
        public Target(int hours, Standing after, Function<Instant, GuardEvent> report) {
            this(hours, after, report, null);
        }
    }

    /**
     * True when an Update that failed so surely changed nothing: refused before it was applied
     * (gone, in use, throttled, invalid). A 5xx, no answer or any other refusal may have been applied.
     */
    public static boolean surelyNotMade(PoolDirectoryException cause) {
        return switch (cause.kind()) {
            case NOT_FOUND, CONFLICT, THROTTLED, INVALID_REQUEST -> true;
            case UNAVAILABLE, REJECTED, TOKEN_REJECTED -> false;
        };
    }

    private final PoolDirectory directory;
    private final Recorder recorder;
    private final Clock clock;

    public RetentionUpdate(PoolDirectory directory, Recorder recorder, Clock clock) {
        this.directory = directory;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Sets the pool {@code read} found as {@code target} says. The event written with the intent and
     * the one published are the same event (one id), made before and after the Update.
     */
    public Result apply(PoolRead read, Target target) {
        Pool pool = read.pool();
        Instant readAt = read.at();
        int hours = target.hours();
        Function<Instant, GuardEvent> report = target.report();
        GuardEvent intended = report.apply(clock.instant());
        // with where the pool will stand: an exemption that this update follows ends here, reported once
        recorder.intend(Observation.of(pool, readAt).withStanding(target.after()), new Intent(hours, intended),
                target.exemption());
        Pool answer;
        try {
            answer = directory.updateRetention(PoolRef.of(pool), hours);
        } catch (PoolDirectoryException e) {
            return new Result.NotMade(e);
        }
        Instant at = clock.instant();
        GuardEvent made = report.apply(at);
        if (!made.eventId().equals(intended.eventId())) {
            throw new IllegalStateException("a change's report must keep its id: " + intended.eventId() + " became "
                    + made.eventId());
        }
        recorder.updated(Observation.of(pool, readAt).enforced(hours, at).withStanding(target.after()), made);
        return new Result.Made(answer);
    }
}
