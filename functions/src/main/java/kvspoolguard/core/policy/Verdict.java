package kvspoolguard.core.policy;

/** What the policy says of one pool. */
public sealed interface Verdict {

    /** Retention is within the rule's bounds: nothing to do. */
    record Compliant(String rule, Bounds bounds) implements Verdict {
    }

    /** Retention must change from {@code fromHours} (null: none set) to {@code toHours}. */
    record Change(Integer fromHours, int toHours, String rule, Bounds bounds) implements Verdict {
    }

    /** The pool is out of the policy's reach (the exemption tag). */
    record Exempt(String reason) implements Verdict {
    }

    /** A change is due but cannot be made now (the pool is not ACTIVE); {@code wanted} is that change. */
    record Deferred(String reason, Change wanted) implements Verdict {
    }
}
