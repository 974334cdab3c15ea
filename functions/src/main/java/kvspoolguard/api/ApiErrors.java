package kvspoolguard.api;

import kvspoolguard.core.run.Problem;
import org.slf4j.Logger;

/**
 * Every problem of the core as the answer docs/openapi.yaml gives it: the one place where the
 * core's failures become HTTP. An upstream's message is logged, never passed on: it may name
 * resources and roles the caller need not see.
 */
final class ApiErrors {

    /** Seconds a throttled caller is asked to wait; the SDK has already retried with backoff. */
    static final int THROTTLED_RETRY_AFTER = 2;
    static final int UNAVAILABLE_RETRY_AFTER = 5;

    private ApiErrors() {
    }

    /** {@code identifier}: the pool the request names, or null. */
    static ApiException of(Problem problem, String identifier) {
        return switch (problem) {
            case Problem.PolicyInvalid p -> ApiException.of(503, "POLICY_INVALID", "the retention policy in force is "
                    + "invalid, so no pool is judged or changed until it is fixed: " + p.message());
            case Problem.PolicyUnavailable p -> ApiException.unavailable("POLICY_UNAVAILABLE", "the retention policy "
                    + "could not be read; try again later", UNAVAILABLE_RETRY_AFTER);
            case Problem.PolicyUnreadable p -> ApiException.unavailable("POLICY_UNAVAILABLE", "the retention policy "
                    + (p.denied() ? "cannot be read: reading it is denied" : "has been unreadable for longer than the "
                    + "last one read may stand in") + ", so no pool is judged or changed until it can be read",
                    UNAVAILABLE_RETRY_AFTER);
            case Problem.OutsidePolicy p -> ApiException.of(422, "OUTSIDE_POLICY", p.message());
            case Problem.PoolNotActive p -> ApiException.of(409, "POOL_NOT_ACTIVE", p.message());
            case Problem.BudgetSpent p -> ApiException.budgetSpent(p.message(), p.secondsLeft());
            case Problem.PolicyMismatch p -> ApiException.of(409, "POLICY_MISMATCH", p.message());
            case Problem.TokenRejected p -> ApiException.invalid(p.message());
            case Problem.Ungoverned p -> ApiException.of(404, "POOL_NOT_FOUND", p.message());
            case Problem.RunNotFound p -> ApiException.of(404, "RUN_NOT_FOUND", p.message());
            case Problem.RunNotQueued p -> ApiException.unavailable("RUN_NOT_QUEUED", "the run could not be handed "
                    + "to the enforcer; nothing was started, try again later", UNAVAILABLE_RETRY_AFTER);
            case Problem.RecordsUnavailable p -> ApiException.unavailable("RECORDS_UNAVAILABLE", "the stored records "
                    + "(runs, pools' states) could not be read; try again later", UNAVAILABLE_RETRY_AFTER);
            case Problem.HistoryUnavailable p -> ApiException.unavailable("HISTORY_UNAVAILABLE", "the pools' history "
                    + "could not be read; try again later", UNAVAILABLE_RETRY_AFTER);
            case Problem.Upstream p -> upstream(p, identifier);
            // the enforcer's refusal of an event; no route starts a run from one
            case Problem.OwnCall p -> throw new IllegalStateException("not an answer of the API: " + p.message());
            case Problem.RunNotRequested p -> throw new IllegalStateException("not an answer of the API: "
                    + p.message());
        };
    }

    private static ApiException upstream(Problem.Upstream problem, String identifier) {
        return switch (problem.kind()) {
            case NOT_FOUND -> ApiException.of(404, "POOL_NOT_FOUND", identifier == null ? "no such pool"
                    : "no pool " + identifier);
            case CONFLICT -> ApiException.of(409, "POOL_CONFLICT", "the pool is being changed or is not ACTIVE; "
                    + "try again when it is ACTIVE");
            case THROTTLED -> ApiException.throttled("the Chime SDK Media Pipelines API is throttling requests; "
                    + "retry after the time given in Retry-After", THROTTLED_RETRY_AFTER);
            case UNAVAILABLE -> ApiException.unavailable("UPSTREAM_UNAVAILABLE", "the Chime SDK Media Pipelines API "
                    + "is unavailable; try again later", UNAVAILABLE_RETRY_AFTER);
            case INVALID_REQUEST, REJECTED, TOKEN_REJECTED -> ApiException.of(502, "UPSTREAM_REJECTED", "the Chime SDK "
                    + "Media Pipelines API refused the request; the requestId locates the reason in the service's log");
        };
    }

    /**
     * Logs a problem as loud as it deserves: the policy's are the operator's to fix (ERROR), an
     * upstream's failure is passing or the service's (WARN, with the service's message, which the
     * caller never sees); a caller's own mistake is the caller's answer only.
     */
    static void log(Problem problem, Logger log) {
        switch (problem) {
            case Problem.PolicyInvalid p -> log.error("policy invalid: {}", p.message());
            case Problem.PolicyUnavailable p -> log.error("policy unreadable: {}", p.message());
            case Problem.PolicyUnreadable p -> log.error("policy {}: {}", p.denied() ? "denied" : "stale", p.message());
            case Problem.Upstream p -> log.warn("pool directory: {}: {}", p.kind(), p.message());
            case Problem.OutsidePolicy p -> { }
            case Problem.PoolNotActive p -> { }
            case Problem.BudgetSpent p -> log.warn("decrease refused: {}", p.message());
            case Problem.PolicyMismatch p -> { }
            case Problem.TokenRejected p -> { }
            case Problem.Ungoverned p -> { }
            case Problem.RunNotFound p -> { }
            case Problem.RunNotQueued p -> log.error("run not queued: {}", p.message());
            case Problem.RecordsUnavailable p -> log.warn("run records: {}", p.message());
            case Problem.HistoryUnavailable p -> log.warn("pool history: {}", p.message());
            case Problem.RunNotRequested p -> log.warn("{}", p.message());
            case Problem.OwnCall p -> { }
        }
    }
}
