package kvspoolguard.core;

import java.util.Objects;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.PoolDirectory;

/**
 * The pools, the policy they are governed by, and the organisation their accounts are in (for
 * the rules on organisational units): all the read-only report needs.
 */
public record Fleet(PoolDirectory pools, PolicySource policy, AccountDirectory accounts) {

    public Fleet {
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(accounts, "accounts");
    }

    /** A fleet with no organisation to read: a rule on units is never decided. */
    public Fleet(PoolDirectory pools, PolicySource policy) {
        this(pools, policy, AccountDirectory.NONE);
    }
}
