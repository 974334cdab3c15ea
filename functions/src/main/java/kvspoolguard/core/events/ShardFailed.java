package kvspoolguard.core.events;

import kvspoolguard.core.pool.Shard;

/** A shard a run could not list: its pools are left to the next run. */
public record ShardFailed(String eventId, String runId, String account, String region, String reason,
                          TriggeredBy trigger) implements EventDetail {

    public static ShardFailed of(Origin origin, Shard shard, String reason) {
        return new ShardFailed(EventIds.of(EventType.SHARD_FAILED, origin.runId(), shard), origin.runId(),
                shard.account(), shard.region(), reason, origin.trigger());
    }

    @Override
    public EventType type() {
        return EventType.SHARD_FAILED;
    }
}
