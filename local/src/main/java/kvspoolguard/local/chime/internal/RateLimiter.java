package kvspoolguard.local.chime.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RateLimit;

/**
 * Token buckets for the configured {@link RateLimit}s, one set per account and region, as the
 * service's quotas are: each holds one second of requests and refills continuously. A request
 * must find a token in the bucket of its operation and in the all-operations bucket of its
 * account and region; a refused request takes none.
 */
public final class RateLimiter {

    /** A bucket's key: where, and which operation (null for all of them together). */
    private record Scope(AccountRegion where, Operation operation) {
    }

    private List<RateLimit> limits = List.of();
    private final Map<Scope, TokenBucket> buckets = new HashMap<>();

    public RateLimiter() {
    }

    public RateLimiter(List<RateLimit> limits) {
        replace(limits);
    }

    public synchronized void replace(List<RateLimit> limits) {
        this.limits = List.copyOf(limits);
        buckets.clear();
    }

    public synchronized List<RateLimit> limits() {
        return limits;
    }

    /** True when a request to {@code operation} in {@code where} may be served; takes a token from each bucket that applies. */
    public synchronized boolean tryAcquire(AccountRegion where, Operation operation) {
        long now = System.nanoTime();
        TokenBucket own = bucket(where, operation);
        TokenBucket all = bucket(where, null);
        for (TokenBucket b : new TokenBucket[] {own, all}) {
            if (b != null && !b.hasToken(now)) {
                return false;
            }
        }
        for (TokenBucket b : new TokenBucket[] {own, all}) {
            if (b != null) {
                b.take();
            }
        }
        return true;
    }

    private TokenBucket bucket(AccountRegion where, Operation operation) {
        for (RateLimit limit : limits) {
            if (Objects.equals(limit.operation(), operation)) {
                return buckets.computeIfAbsent(new Scope(where, operation),
                        s -> new TokenBucket(limit.requestsPerSecond()));
            }
        }
        return null;
    }
}
