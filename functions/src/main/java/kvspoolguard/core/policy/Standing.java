package kvspoolguard.core.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a pool stood with the policy when the guard last judged it, and under which rule (null:
 * exempt, or judged by no rule): what the compliance summary counts, from the state alone.
 */
public record Standing(Kind kind, String rule) {

    /** The compliance summary's categories. */
    public enum Kind {
        /** Found within its rule. */
        COMPLIANT,
        /** Brought within its rule by the guard at its last look. */
        CHANGED,
        /** Exempt from the policy (its tag). */
        EXEMPT,
        /** Outside its rule, the change held back: not ACTIVE, a conflict, a dry run, the update cap. */
        DEFERRED,
        /** Outside its rule, the change attempted and failed. */
        FAILING;

        /** As the API and the CSV spell it: {@code compliant}, ... */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Standing {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * True while the pool is out of the policy's reach: exempt, or exempt by its tag and held to
     * the limits (rule {@code limits}), which is no end of its exemption.
     */
    public boolean exempt() {
        return kind == Kind.EXEMPT || RetentionPolicy.LIMITS_RULE.equals(rule);
    }
}
