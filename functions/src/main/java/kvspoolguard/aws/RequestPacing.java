package kvspoolguard.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps one client's requests under a rate: each attempt (retries included, since the SDK calls
 * this hook before every transmission, and {@link AwsJsonService} before each of its own) waits for
 * a permit. Sending at the API's limit instead of
 * above it is what lets a sweep finish near the limit's floor: a throttled request costs a backoff
 * and a retry, a paced one costs nothing.
 */
final class RequestPacing implements ExecutionInterceptor {

    /** A request that cannot get a permit within this long fails like an unanswered one. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final int requestsPerSecond;
    private final AtomicLong taken = new AtomicLong();

    RequestPacing(String name, int requestsPerSecond) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1, got " + requestsPerSecond);
        }
        // a tenth of a second's permits every tenth of a second: never more than a small burst (a
        // service bucket refilled at the same rate always has room for it), yet requests that come
        // one after the other (an API call's Get and ListTagsForResource) rarely wait
        this.requestsPerSecond = requestsPerSecond;
        int burst = Math.max(1, (requestsPerSecond + 9) / 10);
        this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(burst)
                .limitRefreshPeriod(Duration.ofNanos(burst * 1_000_000_000L / requestsPerSecond))
                .timeoutDuration(MAX_WAIT)
                .build());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        take();
    }

    /** Waits for a permit for one attempt; an attempt that gets none within {@link #MAX_WAIT} fails unanswered. */
    void take() {
        taken.incrementAndGet();
        if (!limiter.acquirePermission()) {
            throw SdkClientException.create("no request permit within " + MAX_WAIT.toSeconds()
                    + " s under the pacing of " + requestsPerSecond + " requests/s");
        }
    }

    /** Permits taken so far (one per attempt). */
    long permitsTaken() {
        return taken.get();
    }
}
