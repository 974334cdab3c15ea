package kvspoolguard.local.chime.model;

/**
 * A requests-per-second limit on one operation (or on all of them together when {@code operation}
 * is null), enforced as a token bucket holding one second of requests; above it the emulator
 * answers ThrottledClientException, as the service does above its quota.
 */
public record RateLimit(Operation operation, double requestsPerSecond) {

    public RateLimit {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive, got " + requestsPerSecond);
        }
    }
}
