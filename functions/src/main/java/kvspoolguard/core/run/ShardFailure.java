package kvspoolguard.core.run;

import kvspoolguard.core.pool.Shard;

/**
 * A shard a sweep could not list (its member role refused, its API refusing or down after the
 * client's retries): reported with the reason, while the other shards go on; the next run tries
 * it again. Pools of the shard listed before the failure were handled.
 */
public record ShardFailure(Shard shard, String reason) {
}
