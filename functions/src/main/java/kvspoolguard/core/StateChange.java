package kvspoolguard.core;

import java.time.Instant;
import kvspoolguard.core.pool.PoolRef;

/** An {@code aws.chime} state change of {@code pool} at {@code at}: {@code eventType} as AWS names it. */
public record StateChange(PoolRef pool, String eventType, Instant at) {

    /** What every pool state change's event type starts with. */
    public static final String EVENT_TYPE_PREFIX = "chime:MediaPipelineKinesisVideoStreamPool";

    /** The event type without its prefix: Active, Updated, Deleted, or a failure's name. */
    public String change() {
        return eventType.startsWith(EVENT_TYPE_PREFIX) ? eventType.substring(EVENT_TYPE_PREFIX.length()) : eventType;
    }
}
