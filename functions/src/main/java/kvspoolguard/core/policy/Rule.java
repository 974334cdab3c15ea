package kvspoolguard.core.policy;

import java.util.Objects;

/** A named policy rule: the pools it matches and the retention it allows them. */
public record Rule(String name, PoolMatch match, Bounds bounds) {

    public Rule {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(bounds, "bounds");
        if (name == null || name.isBlank()) {
            throw new InvalidPolicyException("every rule needs a name");
        }
    }
}
