package kvspoolguard.core;

import java.util.Objects;

/** What a List summary gives of a pool: enough to Get it (its ARN) and to say which one it is. */
public record PoolRef(String region, String name, String arn) {

    public PoolRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
    }
}
