package kvspoolguard.local.chime.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What the emulator does to a request instead of (or before) serving it. An {@link Error} is
 * answered before the request touches any state, as a front end that throttles or fails would.
 */
public sealed interface Fault {

    /** Answer with this modelled error. */
    record Error(ErrorType type) implements Fault {
        public Error {
            Objects.requireNonNull(type, "type");
        }
    }

    /** Wait a random time in [min, max] before serving the request. */
    record Latency(Duration min, Duration max) implements Fault {
        public Latency {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency needs 0 <= min <= max, got " + min + ".." + max);
            }
        }
    }

    static Fault throttle() {
        return new Error(ErrorType.THROTTLED_CLIENT);
    }

    static Fault serviceFailure() {
        return new Error(ErrorType.SERVICE_FAILURE);
    }

    static Fault serviceUnavailable() {
        return new Error(ErrorType.SERVICE_UNAVAILABLE);
    }

    static Fault error(ErrorType type) {
        return new Error(type);
    }

    static Fault latency(Duration fixed) {
        return new Latency(fixed, fixed);
    }

    static Fault latency(Duration min, Duration max) {
        return new Latency(min, max);
    }
}
