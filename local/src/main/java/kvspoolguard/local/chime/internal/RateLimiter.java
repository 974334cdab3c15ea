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

    private static final class Bucket {
        final double rate;
        double tokens;
        long refilledAtNanos;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = rate;
            this.refilledAtNanos = now;
        }

        void refill(long now) {
            tokens = Math.min(rate, tokens + (now - refilledAtNanos) / 1e9 * rate);
            refilledAtNanos = now;
        }
    }

    /** A bucket's key: where, and which operation (null for all of them together). */
    private record Scope(AccountRegion where, Operation operation) {
    }

    private List<RateLimit> limits = List.of();
    private final Map<Scope, Bucket> buckets = new HashMap<>();

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
        Bucket own = bucket(where, operation, now);
        Bucket all = bucket(where, null, now);
        for (Bucket b : new Bucket[] {own, all}) {
            if (b != null) {
                b.refill(now);
                if (b.tokens < 1) {
                    return false;
                }
            }
        }
        for (Bucket b : new Bucket[] {own, all}) {
            if (b != null) {
                b.tokens -= 1;
            }
        }
        return true;
    }

    private Bucket bucket(AccountRegion where, Operation operation, long now) {
        for (RateLimit limit : limits) {
            if (Objects.equals(limit.operation(), operation)) {
                return buckets.computeIfAbsent(new Scope(where, operation),
                        s -> new Bucket(limit.requestsPerSecond(), now));
            }
        }
        return null;
    }
}
