package kvspoolguard.core.policy;

import io.soabase.recordbuilder.core.RecordBuilder;

/** What the policy says of one pool. */
public sealed interface Verdict {

    /** Retention is within the rule's bounds: nothing to do. */
    record Compliant(String rule, Bounds bounds) implements Verdict {
    }

    /** Retention must change from {@code fromHours} (null: none set) to {@code toHours}. */
    @RecordBuilder
    record Change(Integer fromHours, int toHours, String rule, Bounds bounds) implements Verdict {

        /** A change by name. */
        public static VerdictChangeBuilder builder() {
            return VerdictChangeBuilder.builder();
        }

        /** True when the change lowers the retention: the audio older than {@code toHours} goes at once. */
        public boolean decreases() {
            return fromHours != null && toHours < fromHours;
        }

        /** From {@code fromHours} to {@code toHours}, as {@code rule} requires. */
        public static Change under(Rule rule, Integer fromHours, int toHours) {
            return new Change(fromHours, toHours, rule.name(), rule.bounds());
        }
    }

    /** The pool is out of the policy's reach (the exemption tag). */
    record Exempt(String reason) implements Verdict {
    }

    /** A change is due but cannot be made now (the pool is not ACTIVE); {@code wanted} is that change. */
    record Deferred(String reason, Change wanted) implements Verdict {
    }
}
