package kvspoolguard.local.chime.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RateLimit;

/**
 * Token buckets for the configured {@link RateLimit}s: each holds one second of requests and
 * refills continuously. A request must find a token in the bucket of its operation and in the
 * all-operations bucket; a refused request takes none.
 */
public final class RateLimiter {

    private static final class Bucket {
        final RateLimit limit;
        double tokens;
        long refilledAtNanos;

        Bucket(RateLimit limit, long now) {
            this.limit = limit;
            this.tokens = limit.requestsPerSecond();
            this.refilledAtNanos = now;
        }

        void refill(long now) {
            double rate = limit.requestsPerSecond();
            tokens = Math.min(rate, tokens + (now - refilledAtNanos) / 1e9 * rate);
            refilledAtNanos = now;
        }
    }

    private final Map<Operation, Bucket> perOperation = new HashMap<>();
    private Bucket global;

    public synchronized void replace(List<RateLimit> limits) {
        perOperation.clear();
        global = null;
        long now = System.nanoTime();
        for (RateLimit limit : limits) {
            if (limit.operation() == null) {
                global = new Bucket(limit, now);
            } else {
                perOperation.put(limit.operation(), new Bucket(limit, now));
            }
        }
    }

    public synchronized List<RateLimit> limits() {
        var all = new ArrayList<RateLimit>();
        if (global != null) {
            all.add(global.limit);
        }
        perOperation.values().forEach(b -> all.add(b.limit));
        return all;
    }

    /** True when the request may be served; takes a token from each bucket that applies. */
    public synchronized boolean tryAcquire(Operation operation) {
        long now = System.nanoTime();
        Bucket own = perOperation.get(operation);
        for (Bucket b : new Bucket[] {own, global}) {
            if (b != null) {
                b.refill(now);
                if (b.tokens < 1) {
                    return false;
                }
            }
        }
        for (Bucket b : new Bucket[] {own, global}) {
            if (b != null) {
                b.tokens -= 1;
            }
        }
        return true;
    }
}
