/**
 * PoolApiFunction: the HTTP API (docs/api.md, docs/openapi.yaml). {@link kvspoolguard.api.PoolApiHandler}
 * routes a request and shapes the answer; {@link kvspoolguard.api.ApiInput} reads and checks what a
 * caller sent (paths, queries, bodies, tokens), {@link kvspoolguard.api.ApiViews} writes what the
 * use cases answered as JSON or CSV, and {@code Callers} says who called. It reaches the core only
 * through its use cases.
 */
package kvspoolguard.api;
