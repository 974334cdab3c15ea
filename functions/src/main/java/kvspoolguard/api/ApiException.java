package kvspoolguard.api;

/**
 * An answer other than success, as docs/openapi.yaml lists them: the HTTP status, a stable code a
 * client can branch on, a message for a person, and for 429 how long to wait. Messages never carry
 * a stack trace or an upstream's raw error.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    private ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill in
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException of(int status, String code, String message) {
        return new ApiException(status, code, message, null);
    }

    static ApiException invalid(String message) {
        return of(400, "INVALID_REQUEST", message);
    }

    static ApiException throttled(String message, int retryAfterSeconds) {
        return new ApiException(429, "THROTTLED", message, retryAfterSeconds);
    }

    /** A decrease refused until the next UTC day, when the decrease budget is new. */
    static ApiException budgetSpent(String message, long secondsLeft) {
        return new ApiException(429, "DECREASE_BUDGET_SPENT", message, (int) Math.max(1, secondsLeft));
    }

    /** A 503 worth retrying after a while (an upstream down, unlike an invalid policy). */
    static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(503, code, message, retryAfterSeconds);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
