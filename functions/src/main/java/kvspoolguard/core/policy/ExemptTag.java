package kvspoolguard.core.policy;

import java.util.Objects;
import kvspoolguard.core.pool.Pool;

/** The tag that puts a pool out of the policy's reach: key and the value that means "exempt". */
public record ExemptTag(String key, String value) {

    public static final ExemptTag DEFAULT = new ExemptTag("kvs-pool-guard:exempt", "true");

    public ExemptTag {
        Objects.requireNonNull(value, "value");
        if (key == null || key.isEmpty() || key.length() > 128) {
            throw new InvalidPolicyException("the exemption tag key must be 1..128 characters");
        }
    }

    public boolean exempts(Pool pool) {
        return value.equals(pool.tags().get(key));
    }
}
