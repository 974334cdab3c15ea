package kvspoolguard.core.run;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import kvspoolguard.core.events.TriggeredBy;

/**
 * What started a run: a schedule, a pool state-change event from AWS, or an API request. Its id
 * (the EventBridge event id, the API request id) is the run id, so a redelivered trigger yields the
 * same run id and the same event ids. {@code timeLeft}: how long the run may still last (the
 * invocation's remaining time); events it leaves in outboxes are anyone's to publish after that.
 */
public record Trigger(Kind kind, String id, Duration timeLeft) {

    /** Lambda's longest timeout: no invocation runs longer. */
    public static final Duration LONGEST_RUN = Duration.ofMinutes(15);

    /**
     * The kinds of trigger, as they appear in events ({@code schedule}, {@code pool-state-change},
     * {@code api}, {@code api-call}: CloudTrail's record of a call of the pool API).
     */
    public enum Kind {
        SCHEDULE, POOL_STATE_CHANGE, API, API_CALL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a trigger needs an id");
        }
        Objects.requireNonNull(timeLeft, "timeLeft");
    }

    /** This trigger as every event names it. */
    public TriggeredBy triggeredBy() {
        return new TriggeredBy(kind.wireName(), id);
    }

    /** A trigger whose run may last as long as any Lambda invocation. */
    public Trigger(Kind kind, String id) {
        this(kind, id, LONGEST_RUN);
    }
}
