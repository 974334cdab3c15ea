package kvspoolguard.core;

import java.util.Locale;
import java.util.Objects;

/**
 * What started a run: a schedule, a pool state-change event from AWS, or an API request. Its id
 * (the EventBridge event id, the API request id) is the run id, so a redelivered trigger yields the
 * same run id and the same event ids.
 */
public record Trigger(Kind kind, String id) {

    /** The kinds of trigger, as they appear in events ({@code schedule}, {@code pool-state-change}, {@code api}). */
    public enum Kind {
        SCHEDULE, POOL_STATE_CHANGE, API;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a trigger needs an id");
        }
    }
}
