package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * GetParameter over SSM's JSON protocol, made of the SDK's own parts: its HTTP client, default
 * credentials and region chains, SigV4 signer and standard retry strategy. Only the one request
 * and its answer are written here. The generated SSM client would add a 6 MB jar, a third of the
 * deployment package, for this one call; docs/benchmarks.md has the figures.
 */
public final class SsmParameterStore implements ParameterStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AmazonSSM.GetParameter";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final RetryStrategy retries;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SsmParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint,
                             RetryStrategy retries) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    /** As the SDK's clients configure themselves: AWS_REGION, the credentials chain, AWS_ENDPOINT_URL(_SSM). */
    public static SsmParameterStore fromEnvironment(SdkHttpClient http) {
        String region = new DefaultAwsRegionProviderChain().getRegion().id();
        return new SsmParameterStore(http, DefaultCredentialsProvider.builder().build(), region, endpoint(region),
                AwsRetryStrategy.standardRetryStrategy());
    }

    /**
     * SSM's endpoint in a region, unless overridden as the SDK's clients allow, in their order:
     * {@code aws.endpointUrlSsm}, AWS_ENDPOINT_URL_SSM, {@code aws.endpointUrl}, AWS_ENDPOINT_URL (a
     * profile file's {@code endpoint_url} is not read: Lambda has none).
     */
    static URI endpoint(String region) {
        String[] overrides = {System.getProperty("aws.endpointUrlSsm"), System.getenv("AWS_ENDPOINT_URL_SSM"),
            System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL")};
        for (String value : overrides) {
            if (value != null && !value.isBlank()) {
                return URI.create(value.strip());
            }
        }
        RegionMetadata metadata = RegionMetadata.of(Region.of(region));
        return URI.create("https://ssm." + region + "." + (metadata == null ? "amazonaws.com" : metadata.domain()));
    }

    @Override
    public Parameter getParameter(String name) {
        byte[] body = JSON.createObjectNode().put("Name", name).put("WithDecryption", true).toString()
                .getBytes(StandardCharsets.UTF_8);
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create("ssm")).token();
        while (true) {
            try {
                Parameter parameter = call(body);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return parameter;
            } catch (SdkException e) {
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
                } catch (TokenAcquisitionFailedException notAgain) {
                    throw e;
                }
                token = next.token();
                pause(next.delay());
            }
        }
    }

    private Parameter call(byte[] body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", String.valueOf(body.length))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
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
            throw RetryableException.builder().message("SSM at " + endpoint + ": " + e.getMessage()).cause(e).build();
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2) {
            JsonNode parameter = answer.path("Parameter");
            if (!parameter.path("Value").isTextual()) {
                throw SdkClientException.create("SSM answered GetParameter without Parameter.Value");
            }
            return new Parameter(parameter.path("Value").asText(), parameter.path("Version").asLong());
        }
        String type = answer.path("__type").asText("");
        String code = type.substring(type.lastIndexOf('#') + 1);
        String message = answer.path("message").asText(answer.path("Message").asText(code));
        throw AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SSM")
                        .sdkHttpResponse(response.httpResponse()).build())
                .build();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry GetParameter", e);
        }
    }
}
