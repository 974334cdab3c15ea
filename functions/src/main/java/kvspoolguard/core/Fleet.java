package kvspoolguard.core;

import java.util.Objects;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.pool.PoolDirectory;

/** The pools and the policy they are governed by: all the read-only report needs. */
public record Fleet(PoolDirectory pools, PolicySource policy) {

    public Fleet {
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(policy, "policy");
    }
}
