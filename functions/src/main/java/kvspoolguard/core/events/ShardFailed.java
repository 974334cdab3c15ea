package kvspoolguard.core.events;

import kvspoolguard.core.pool.Shard;

/** A shard a run could not list: its pools are left to the next run. */
public record ShardFailed(String eventId, String runId, String account, String region, String reason,
                          TriggeredBy trigger) implements EventDetail {

    public static ShardFailed of(String runId, Shard shard, String reason, TriggeredBy trigger) {
        return new ShardFailed(EventIds.of(EventType.SHARD_FAILED, runId, shard), runId, shard.account(),
                shard.region(), reason, trigger);
    }

    @Override
    public EventType type() {
        return EventType.SHARD_FAILED;
    }
}
