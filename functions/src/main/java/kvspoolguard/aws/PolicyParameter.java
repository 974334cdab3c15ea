package kvspoolguard.aws;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import kvspoolguard.core.policy.RetentionPolicy;

/**
 * The SSM parameter that holds the policy, and how it is read: {@code fallback} gives the defaults
 * and exemption tag a document may leave out; a policy read is used for {@code ttl}, and stands in
 * for up to {@code maxStandIn} after it was read while SSM is unreachable.
 */
@RecordBuilder
public record PolicyParameter(String name, RetentionPolicy fallback, Duration ttl, Duration maxStandIn, Clock clock) {

    public PolicyParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxStandIn, "maxStandIn");
        Objects.requireNonNull(clock, "clock");
    }

    public static PolicyParameterBuilder builder() {
        return PolicyParameterBuilder.builder();
    }
}
