package kvspoolguard.aws;

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
 * {@link PolicyParameter#ttl()}. A missing or invalid document fails closed (InvalidPolicyException,
 * also cached for the ttl), and so does a parameter SSM or its KMS key denies (PolicySourceException
 * DENIED): a denial is someone's change, not a blip, and the policy it hides may have changed. When
 * SSM cannot be reached, the last policy read stands in for at most
 * {@link PolicyParameter#maxStandIn()} after it was read (STALE past that); with none, the run
 * cannot act yet (UNREACHABLE).
 */
public final class SsmPolicySource implements PolicySource {

    private record Cached(Instant readAt, RetentionPolicy policy, InvalidPolicyException invalid) {
    }

    private final ParameterStore ssm;
    private final PolicyParameter parameter;
    private volatile Cached cached;

    public SsmPolicySource(ParameterStore ssm, PolicyParameter parameter) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    @Override
    public RetentionPolicy current() {
        Cached now = cached;
        if (now == null || !parameter.clock().instant().isBefore(now.readAt().plus(parameter.ttl()))) {
            now = refresh(now);
        }
        if (now.invalid() != null) {
            throw now.invalid();
        }
        return now.policy();
    }

    @Override
    public String location() {
        return "ssm:" + parameter.name();
    }

    private synchronized Cached refresh(Cached stale) {
        if (cached != stale) {
            return cached; // another thread refreshed meanwhile
        }
        Cached fresh;
        try {
            ParameterStore.Parameter value = ssm.getParameter(parameter.name());
            fresh = parse(value.value(), value.version());
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorCode() : null;
            if ("ParameterNotFound".equals(code)) {
                cached = new Cached(parameter.clock().instant(), null,
                        new InvalidPolicyException("policy parameter " + parameter.name() + " does not exist"));
                return cached;
            }
            if (denial(code)) {
                throw new PolicySourceException(PolicySourceException.Kind.DENIED, "reading policy parameter "
                        + parameter.name() + " was denied (" + code + "): " + e.getMessage(), e);
            }
            if (stale != null && stale.policy() != null) {
                Instant until = stale.readAt().plus(parameter.maxStandIn());
                if (parameter.clock().instant().isBefore(until)) {
                    return stale; // the last good policy stands in; try again on the next call
                }
                throw new PolicySourceException(PolicySourceException.Kind.STALE, "could not read policy parameter "
                        + parameter.name() + " since the policy read at " + stale.readAt() + ", which may stand in for "
                        + parameter.maxStandIn().toMinutes() + " minutes only: " + e.getMessage(), e);
            }
            throw new PolicySourceException(PolicySourceException.Kind.UNREACHABLE, "could not read policy parameter "
                    + parameter.name() + ": " + e.getMessage(), e);
        }
        cached = fresh;
        return fresh;
    }

    /** SSM's or KMS's refusal of the caller, as SSM answers it (a KMS denial comes through SSM). */
    static boolean denial(String code) {
        return code != null && (code.contains("AccessDenied") || code.startsWith("KMS") || code.equals("InvalidKeyId")
                || code.equals("UnrecognizedClientException") || code.equals("InvalidSignatureException"));
    }

    private Cached parse(String text, Long version) {
        try {
            RetentionPolicy policy = PolicyDocument.parse(text, location(), parameter.fallback());
            if (policy.version() == null) {
                policy = policy.withVersion("parameter-version-" + version);
            }
            return new Cached(parameter.clock().instant(), policy, null);
        } catch (InvalidPolicyException e) {
            return new Cached(parameter.clock().instant(), null,
                    new InvalidPolicyException("policy parameter " + parameter.name() + ": " + e.getMessage(), e));
        }
    }
}
