package kvspoolguard.core.policy;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

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

    /**
     * The pool is out of the policy's reach: by its tag ({@code until} null), or listed by the
     * document until {@code until}.
     */
    record Exempt(Basis basis, String reason, Instant until) implements Verdict {

        /** What exempts the pool. */
        public enum Basis { TAG, LISTED }
    }

    /** A change is due but cannot be made now (the pool is not ACTIVE); {@code wanted} is that change. */
    record Deferred(String reason, Change wanted) implements Verdict {
    }
}
