package kvspoolguard.core.attribution;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.pool.PoolRef;

/**
 * One call of the pool API, as CloudTrail recorded it: its record's id, what it did to which pool,
 * who made it, the retention it asked for (null when it asked for none), when, and the error it
 * failed with (null when it succeeded). Built by name: {@link #builder}.
 */
@RecordBuilder
public record PoolCall(String callId, Action action, PoolRef pool, Actor actor, Integer requestedHours,
                       Instant at, String errorCode) {

    /**
     * The calls that change a pool (CreateMediaPipelineKinesisVideoStreamPool, ...) or its tags
     * (TagResource, UntagResource).
     */
    public enum Action { CREATE, UPDATE, DELETE, TAG, UNTAG }

    /**
     * How far apart AWS's clock (the call's time) and the functions' (when a pool was seen) may be
     * taken to be: a call this much after a sight of the pool may still be what that sight showed.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public PoolCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** A call by name: who made it ({@link Builder#by}) and when ({@link Builder#at}) are required. */
    public static PoolCallBuilder builder(String callId, Action action, PoolRef pool) {
        return PoolCallBuilder.builder().callId(callId).action(action).pool(pool);
    }

    public boolean succeeded() {
        return errorCode == null;
    }

    /**
     * Whether this call can be what set the pool to {@code hours}, seen so at {@code seenAt} and
     * last seen otherwise at {@code before}: a successful update to that value, made in between.
     */
    public boolean explains(Integer hours, Instant before, Instant seenAt) {
        return action == Action.UPDATE && succeeded() && hours != null && hours.equals(requestedHours)
                && !at.isBefore(before.minus(CLOCK_SKEW)) && !at.isAfter(seenAt.plus(CLOCK_SKEW));
    }

    /**
     * Whether this call can be what changed the pool's tags between a sight at {@code before} and
     * one at {@code seenAt}: a successful TagResource or UntagResource made in between.
     */
    public boolean retags(Instant before, Instant seenAt) {
        boolean afterBefore = before.equals(Instant.MIN) || !at.isBefore(before.minus(CLOCK_SKEW));
        return (action == Action.TAG || action == Action.UNTAG) && succeeded() && afterBefore
                && !at.isAfter(seenAt.plus(CLOCK_SKEW));
    }

    /** The actor and the call, as {@code changedBy} in the drift events (docs/attribution.md). */
    public RecordedCall changedBy() {
        return RecordedCall.by(actor).eventTime(at).requestedRetentionHours(requestedHours).cloudTrailEventId(callId)
                .build();
    }
}
