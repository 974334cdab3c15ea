package kvspoolguard.api;

import kvspoolguard.core.pool.PoolDirectoryException;

/**
 * The answer to a failure of the Chime SDK Media Pipelines API, after the SDK's own retries. The
 * service's message is logged, never passed on: it may name resources and roles the caller need
 * not see.
 */
final class UpstreamFaults {

    private UpstreamFaults() {
    }

    /** {@code identifier}: the pool the request names, or null. */
    static ApiException of(PoolDirectoryException e, String identifier) {
        return switch (e.kind()) {
            case NOT_FOUND -> ApiException.of(404, "POOL_NOT_FOUND", identifier == null ? "no such pool"
                    : "no pool " + identifier);
            case CONFLICT -> ApiException.of(409, "POOL_CONFLICT", "the pool is being changed or is not ACTIVE; "
                    + "try again when it is ACTIVE");
            case THROTTLED -> ApiException.throttled("the Chime SDK Media Pipelines API is throttling requests; "
                    + "retry after the time given in Retry-After", PoolApiHandler.THROTTLED_RETRY_AFTER);
            case UNAVAILABLE -> ApiException.unavailable("UPSTREAM_UNAVAILABLE", "the Chime SDK Media Pipelines API "
                    + "is unavailable; try again later", PoolApiHandler.UNAVAILABLE_RETRY_AFTER);
            case INVALID_REQUEST, REJECTED -> ApiException.of(502, "UPSTREAM_REJECTED", "the Chime SDK Media "
                    + "Pipelines API refused the request; the requestId locates the reason in the service's log");
        };
    }
}
