package kvspoolguard.core.attribution;

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
public record PoolCall(String callId, Action action, PoolRef pool, Actor actor, Integer requestedHours,
                       Instant at, String errorCode) {

    /** The calls that change a pool (CreateMediaPipelineKinesisVideoStreamPool, ...). */
    public enum Action { CREATE, UPDATE, DELETE }

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
    public static Builder builder(String callId, Action action, PoolRef pool) {
        return new Builder(callId, action, pool);
    }

    /** A {@link PoolCall} by name. */
    public static final class Builder {
        private final String callId;
        private final Action action;
        private final PoolRef pool;
        private Actor actor;
        private Integer requestedHours;
        private Instant at;
        private String errorCode;

        private Builder(String callId, Action action, PoolRef pool) {
            this.callId = callId;
            this.action = action;
            this.pool = pool;
        }

        public Builder by(Actor value) {
            actor = value;
            return this;
        }

        /** The retention the call asked for (none: it asked for none). */
        public Builder requestedHours(Integer value) {
            requestedHours = value;
            return this;
        }

        public Builder at(Instant value) {
            at = value;
            return this;
        }

        /** The error the call failed with (none: it succeeded). */
        public Builder failedWith(String value) {
            errorCode = value;
            return this;
        }

        public PoolCall build() {
            return new PoolCall(callId, action, pool, actor, requestedHours, at, errorCode);
        }
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

    /** The actor and the call, as {@code changedBy} in the drift events (docs/attribution.md). */
    public RecordedCall changedBy() {
        return RecordedCall.by(actor).eventTime(at).requestedRetentionHours(requestedHours).cloudTrailEventId(callId)
                .build();
    }
}
