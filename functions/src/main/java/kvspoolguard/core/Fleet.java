package kvspoolguard.core;

import java.util.Objects;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.stream.StreamDirectory;

/**
 * The pools, the policy they are governed by, the organisation their accounts are in (for the
 * rules on organisational units) and the pools' streams: all the read-only report needs.
 */
public record Fleet(PoolDirectory pools, PolicySource policy, AccountDirectory accounts, StreamDirectory streams) {

    public Fleet {
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(streams, "streams");
    }

    /** A fleet whose streams are not read. */
    public Fleet(PoolDirectory pools, PolicySource policy, AccountDirectory accounts) {
        this(pools, policy, accounts, StreamDirectory.NONE);
    }

    /** A fleet with no organisation to read (a rule on units is never decided), whose streams are not read. */
    public Fleet(PoolDirectory pools, PolicySource policy) {
        this(pools, policy, AccountDirectory.NONE);
    }
}
