/**
 * The domain core: what kvs-pool-guard does, with no AWS or Lambda type in it. This package holds
 * the use cases, the only entry the handlers use: {@link kvspoolguard.core.RetentionGuard} (the
 * enforcer's triggers: a sweep, a state change, a deletion, a failure AWS reported) and
 * {@link kvspoolguard.core.GuardedPools} (the API's reads and changes), with the answers they give.
 * Below it, one package per topic, each depending only on those listed before it:
 * {@code pool}, {@code policy}, {@code events}, {@code history}, {@code state},
 * {@code attribution}, {@code run} ({@code history} and {@code attribution} on pools and events
 * only). ArchitectureTest keeps it so.
 */
package kvspoolguard.core;
