package kvspoolguard.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The policy document in an SSM parameter (String or SecureString), re-read at most once per
 * {@code ttl}. A missing or invalid document fails closed (InvalidPolicyException, also cached for
 * the ttl). When SSM cannot be reached, the last policy read stays in force; with none, the run
 * cannot act (PolicySourceException).
 */
public final class SsmPolicySource implements PolicySource {

    private record Cached(Instant readAt, RetentionPolicy policy, InvalidPolicyException invalid) {
    }

    private final ParameterStore ssm;
    private final String parameter;
    private final RetentionPolicy fallback;
    private final Duration ttl;
    private final Clock clock;
    private volatile Cached cached;

    /** @param fallback the defaults and exemption tag a document may leave out */
    public SsmPolicySource(ParameterStore ssm, String parameter, RetentionPolicy fallback, Duration ttl, Clock clock) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.parameter = Objects.requireNonNull(parameter, "parameter");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RetentionPolicy current() {
        Cached now = cached;
        if (now == null || !clock.instant().isBefore(now.readAt().plus(ttl))) {
            now = refresh(now);
        }
        if (now.invalid() != null) {
            throw now.invalid();
        }
        return now.policy();
    }

    @Override
    public String location() {
        return "ssm:" + parameter;
    }

    private synchronized Cached refresh(Cached stale) {
        if (cached != stale) {
            return cached; // another thread refreshed meanwhile
        }
        Cached fresh;
        try {
            ParameterStore.Parameter value = ssm.getParameter(parameter);
            fresh = parse(value.value(), value.version());
        } catch (SdkException e) {
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && "ParameterNotFound".equals(service.awsErrorDetails().errorCode())) {
                cached = new Cached(clock.instant(), null,
                        new InvalidPolicyException("policy parameter " + parameter + " does not exist"));
                return cached;
            }
            if (stale != null && stale.policy() != null) {
                return stale; // keep the last good policy; try again on the next call
            }
            throw new PolicySourceException("could not read policy parameter " + parameter + ": " + e.getMessage(), e);
        }
        cached = fresh;
        return fresh;
    }

    private Cached parse(String text, Long version) {
        try {
            RetentionPolicy policy = PolicyDocument.parse(text, location(), fallback.defaults(), fallback.exemptTag());
            if (policy.version() == null) {
                policy = new RetentionPolicy(policy.defaults(), policy.rules(), policy.exemptTag(), policy.source(),
                        "parameter-version-" + version);
            }
            return new Cached(clock.instant(), policy, null);
        } catch (InvalidPolicyException e) {
            return new Cached(clock.instant(), null,
                    new InvalidPolicyException("policy parameter " + parameter + ": " + e.getMessage(), e));
        }
    }
}
