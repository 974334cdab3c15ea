package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * GetParameter over SSM's JSON protocol ({@link AwsJsonService}): only the one request and its
 * answer are written here. The generated SSM client would add a 6 MB jar, a third of the
 * deployment package, for this one call; docs/benchmarks.md has the figures.
 */
public final class SsmParameterStore implements ParameterStore {

    private static final AwsJsonService.Service SSM = new AwsJsonService.Service("ssm", "AmazonSSM", "SSM");

    private final AwsJsonService ssm;

    public SsmParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint,
                             RetryStrategy retries) {
        this.ssm = new AwsJsonService(SSM, http, credentials, region, endpoint, retries);
    }

    /** As the SDK's clients configure themselves: AWS_REGION, the credentials chain, AWS_ENDPOINT_URL(_SSM). */
    public static SsmParameterStore fromEnvironment(SdkHttpClient http) {
        String region = new DefaultAwsRegionProviderChain().getRegion().id();
        return new SsmParameterStore(http, DefaultCredentialsProvider.builder().build(), region,
                AwsJsonService.endpoint("Ssm", "ssm", region), AwsRetryStrategy.standardRetryStrategy());
    }

    @Override
    public Parameter getParameter(String name) {
        JsonNode parameter = ssm.call("GetParameter", AwsJsonService.input().put("Name", name)
                .put("WithDecryption", true)).path("Parameter");
        if (!parameter.path("Value").isTextual()) {
            throw SdkClientException.create("SSM answered GetParameter without Parameter.Value");
        }
        return new Parameter(parameter.path("Value").asText(), parameter.path("Version").asLong());
    }
}
