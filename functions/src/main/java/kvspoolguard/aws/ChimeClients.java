package kvspoolguard.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;

/**
 * Chime clients, one per governed region, built once per execution environment. The endpoint
 * comes from the SDK's own environment variables (AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES,
 * AWS_ENDPOINT_URL), so one artifact runs against AWS and locally.
 */
public final class ChimeClients {

    private ChimeClients() {
    }

    /**
     * The SDK's standard retry strategy, chosen explicitly: with AWS_RETRY_MODE unset the SDK
     * falls back to its legacy mode (4 attempts, seconds spent on a throttled call).
     */
    public static Map<String, ChimeSdkMediaPipelinesClient> forRegions(List<String> regions) {
        Map<String, ChimeSdkMediaPipelinesClient> clients = new LinkedHashMap<>();
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        for (String region : regions) {
            clients.put(region, ChimeSdkMediaPipelinesClient.builder()
                    .region(Region.of(region))
                    .httpClientBuilder(http)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                    .build());
        }
        return clients;
    }
}
