package kvspoolguard.core.attribution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;

/**
 * One call of Kinesis Video Streams on a stream named as a pool's streams are, as CloudTrail
 * recorded it: its record's id, what it did, to which stream of which account and region, who made
 * it, the AWS service that made it on someone's behalf ({@code invokedBy}, null: none), and when.
 */
public record StreamCall(String callId, Action action, Shard shard, String streamName, Actor actor, String invokedBy,
                         Instant at) {

    /** The calls that change a stream's audio: UpdateDataRetention, DeleteStream. */
    public enum Action { UPDATE_RETENTION, DELETE }

    /** The media pipelines service, which makes and changes its pools' streams through its service-linked role. */
    static final String MEDIA_PIPELINES = "mediapipelines.chime.amazonaws.com";

    public StreamCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** The pool the stream is named after, in the stream's account and region; empty for another naming. */
    public Optional<PoolRef> pool() {
        return Stream.poolIdOf(streamName).map(id -> PoolRef.named(shard, Stream.poolNameOf(id)));
    }

    /**
     * True when the media pipelines service made the call itself (its service-linked role, while it
     * brings a pool's streams to the pool's setting): never a drift.
     */
    public boolean byTheService() {
        String issuer = actor.sessionIssuerArn();
        return MEDIA_PIPELINES.equals(invokedBy)
                || issuer != null && issuer.contains(":role/aws-service-role/" + MEDIA_PIPELINES + "/");
    }
}
