/**
 * Pools: a KVS pool as the Chime SDK Media Pipelines API shows it ({@link kvspoolguard.core.pool.Pool}),
 * how one is addressed ({@link kvspoolguard.core.pool.PoolRef}), and the port to the service that
 * holds them ({@link kvspoolguard.core.pool.PoolDirectory}) with its failures said in the domain's
 * words. Depends on nothing else of the core.
 */
package kvspoolguard.core.pool;
