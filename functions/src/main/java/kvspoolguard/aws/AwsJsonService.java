package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * One AWS service spoken in its JSON protocol, made of the SDK's own parts: its HTTP client,
 * credentials, SigV4 signer and standard retry strategy. For the few calls the functions make to a
 * service whose generated client would add megabytes to the package for them (SSM, Organizations,
 * Kinesis Video Streams; docs/benchmarks.md has the figures). JSON 1.1 posts every operation to
 * {@code /} with its X-Amz-Target; REST-JSON of operations that all take a JSON body by POST (Kinesis
 * Video Streams') posts each to its own path, {@code /listStreams}. Failures are the SDK's
 * exceptions: an {@code AwsServiceException} with the service's error code, an
 * {@code SdkClientException} when the service could not be reached, after the retries.
 */
final class AwsJsonService {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The variables whose names are not their id upper-cased: the SDK writes a space of the service id as "_". */
    private static final Map<String, String> VARIABLES = Map.of("KinesisVideo", "KINESIS_VIDEO");

    /**
     * How to reach a service: its signing name, the prefix of its X-Amz-Target (null: REST-JSON, each
     * operation posted to its own path) and its name.
     */
    record Service(String signingName, String targetPrefix, String name) {
    }

    /**
     * How calls go out: over {@code http}, signed with {@code credentials}, retried by {@code retries},
     * each attempt paced by {@code pacing} (null: not paced).
     */
    record Transport(SdkHttpClient http, AwsCredentialsProvider credentials, RetryStrategy retries,
                     RequestPacing pacing) {

        Transport(SdkHttpClient http, AwsCredentialsProvider credentials, RetryStrategy retries) {
            this(http, credentials, retries, null);
        }
    }

    /** Where a service is called: the region its requests are signed for, and its endpoint. */
    record Target(String region, URI endpoint) {
    }

    private final Service service;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final RetryStrategy retries;
    private final RequestPacing pacing;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    AwsJsonService(Service service, Transport transport, Target target) {
        this.service = Objects.requireNonNull(service, "service");
        this.http = Objects.requireNonNull(transport.http(), "http");
        this.credentials = Objects.requireNonNull(transport.credentials(), "credentials");
        this.retries = Objects.requireNonNull(transport.retries(), "retries");
        this.pacing = transport.pacing();
        this.region = Objects.requireNonNull(target.region(), "region");
        this.endpoint = Objects.requireNonNull(target.endpoint(), "endpoint");
    }

    /**
     * A service's endpoint in a region, unless overridden as the SDK's clients allow, in their order:
     * {@code aws.endpointUrl<Id>}, AWS_ENDPOINT_URL_<ID>, {@code aws.endpointUrl}, AWS_ENDPOINT_URL (a
     * profile file's {@code endpoint_url} is not read: Lambda has none). {@code id} is the SDK's
     * service id in upper camel case (Ssm, Organizations).
     */
    static URI endpoint(String id, String host, String region) {
        String variable = VARIABLES.getOrDefault(id, id.toUpperCase(java.util.Locale.ROOT));
        String[] overrides = {System.getProperty("aws.endpointUrl" + id),
            System.getenv("AWS_ENDPOINT_URL_" + variable),
            System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL")};
        for (String value : overrides) {
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        RegionMetadata metadata = RegionMetadata.of(Region.of(region));
        return URI.create("https://" + host + "." + region + "." + (metadata == null ? "amazonaws.com"
                : metadata.domain()));
    }

    URI endpoint() {
        return endpoint;
    }

    /** The operation's answer, retried as the SDK's clients retry. */
    JsonNode call(String operation, ObjectNode input) {
        byte[] body = input.toString().getBytes(StandardCharsets.UTF_8);
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create(service.signingName()))
                .token();
        while (true) {
            try {
                JsonNode answer = once(operation, body);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (SdkException e) {
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e)
                            .build());
                } catch (TokenAcquisitionFailedException notAgain) {
                    throw e;
                }
                token = next.token();
                pause(next.delay(), operation);
            }
        }
    }

    private JsonNode once(String operation, byte[] body) {
        if (pacing != null) {
            pacing.take();
        }
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Length", String.valueOf(body.length));
        if (service.targetPrefix() == null) {
            builder.encodedPath(endpoint.getRawPath().replaceAll("/$", "") + "/"
                    + Character.toLowerCase(operation.charAt(0)) + operation.substring(1))
                    .putHeader("Content-Type", "application/json");
        } else {
            builder.putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation);
        }
        SdkHttpFullRequest request = builder.build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response;
        JsonNode answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? JSON.createObjectNode() : JSON.readTree(in);
            }
        } catch (IOException e) {
            // the SDK's clients retry what did not reach the service, or got no whole answer
            throw RetryableException.builder().message(service.name() + " at " + endpoint + ": " + e.getMessage())
                    .cause(e).build();
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2) {
            return answer;
        }
        // REST-JSON names the error in a header (its value may end ":<namespace>"), JSON 1.1 in the body
        String type = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").map(t -> t.split(":")[0])
                .orElse(answer.path("__type").asText(""));
        String code = type.substring(type.lastIndexOf('#') + 1);
        String message = answer.path("message").asText(answer.path("Message").asText(code));
        throw AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(service.name()).sdkHttpResponse(response.httpResponse()).build())
                .build();
    }

    private static void pause(Duration delay, String operation) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry " + operation, e);
        }
    }

    /**
     * The SDK's standard retry strategy, which also retries the service's answers of {@code errorCode}
     * as throttling (with the throttling backoff): a throttling the service names its own way; each
     * call tried at most {@code maxAttempts} times.
     */
    static RetryStrategy standardRetriesAlsoOf(String errorCode, int maxAttempts) {
        Predicate<Throwable> named = e -> e instanceof AwsServiceException s
                && s.awsErrorDetails() != null && errorCode.equals(s.awsErrorDetails().errorCode());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().retryOnException(named).treatAsThrottling(named)
                .maxAttempts(maxAttempts).build();
    }

    static ObjectNode input() {
        return JSON.createObjectNode();
    }
}
