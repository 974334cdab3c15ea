/**
 * The domain core: what kvs-pool-guard does, with no AWS or Lambda type in it. This package holds
 * the use cases, the only entry the handlers use: {@link kvspoolguard.core.RetentionGuard} (the
 * enforcer's triggers: a sweep, a state change, a deletion, a failure AWS reported) and
 * {@link kvspoolguard.core.GuardedPools} (the API's reads and changes), {@link kvspoolguard.core.ShardedRuns}
 * (the shard workers'), {@link kvspoolguard.core.CallRecords} (CloudTrail's records) and
 * {@link kvspoolguard.core.PoolVerdicts} (the read-only report), with the answers they give, and
 * the ports they take, grouped by what uses them ({@link kvspoolguard.core.Ports}).
 * Below it, one package per topic, each depending only on those listed before it:
 * {@code pool}, {@code policy}, {@code events}, {@code history}, {@code state},
 * {@code attribution}, {@code run} ({@code history} and {@code attribution} on pools and events
 * only). ArchitectureTest keeps it so.
 */
package kvspoolguard.core;
