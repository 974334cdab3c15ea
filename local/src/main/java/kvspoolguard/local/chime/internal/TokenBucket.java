package kvspoolguard.local.chime.internal;

/** Holds one second of requests at {@code rate} and refills continuously; not thread-safe. */
final class TokenBucket {

    private final double rate;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(double rate) {
        this.rate = rate;
        this.tokens = rate;
        this.refilledAtNanos = System.nanoTime();
    }

    /** True when a token was left, after refilling for the time passed; takes nothing. */
    boolean hasToken(long nowNanos) {
        if (nowNanos > refilledAtNanos) {
            tokens = Math.min(rate, tokens + (nowNanos - refilledAtNanos) / 1e9 * rate);
            refilledAtNanos = nowNanos;
        }
        return tokens >= 1;
    }

    void take() {
        tokens -= 1;
    }

    /** Takes a token when one is left. */
    boolean tryTake(long nowNanos) {
        if (!hasToken(nowNanos)) {
            return false;
        }
        take();
        return true;
    }
}
