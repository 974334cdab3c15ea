package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * GetParameter over SSM's JSON protocol ({@link AwsJsonService}): only the one request and its
 * answer are written here. The generated SSM client would add a 6 MB jar, a third of the
 * deployment package, for this one call; docs/benchmarks.md has the figures.
 */
public final class SsmParameterStore implements ParameterStore {

    private static final AwsJsonService.Service SSM = new AwsJsonService.Service("ssm", "AmazonSSM", "SSM");

    private final AwsJsonService ssm;

    SsmParameterStore(AwsJsonService.Transport transport, AwsJsonService.Target target) {
        this.ssm = new AwsJsonService(SSM, transport, target);
    }

    /** As the SDK's clients configure themselves: AWS_REGION, the credentials chain, AWS_ENDPOINT_URL(_SSM). */
    public static SsmParameterStore fromEnvironment(SdkHttpClient http) {
        String region = new DefaultAwsRegionProviderChain().getRegion().id();
        return new SsmParameterStore(new AwsJsonService.Transport(http, DefaultCredentialsProvider.builder().build(),
                AwsRetryStrategy.standardRetryStrategy()), new AwsJsonService.Target(region,
                AwsJsonService.endpoint("Ssm", "ssm", region)));
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
