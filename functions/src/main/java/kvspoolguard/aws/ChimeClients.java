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

    /** Clients without pacing (tests, tools). */
    public static Map<String, ChimeSdkMediaPipelinesClient> forRegions(List<String> regions) {
        return forRegions(regions, 0);
    }

    /**
     * The SDK's standard retry strategy, chosen explicitly: with AWS_RETRY_MODE unset the SDK
     * falls back to its legacy mode (4 attempts, seconds spent on a throttled call). Each region's
     * client sends at most {@code requestsPerSecond} requests a second (0: no pacing), since the
     * API's quotas are per region.
     */
    public static Map<String, ChimeSdkMediaPipelinesClient> forRegions(List<String> regions, int requestsPerSecond) {
        Map<String, ChimeSdkMediaPipelinesClient> clients = new LinkedHashMap<>();
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        for (String region : regions) {
            clients.put(region, ChimeSdkMediaPipelinesClient.builder()
                    .region(Region.of(region))
                    .httpClientBuilder(http)
                    .overrideConfiguration(o -> {
                        o.retryStrategy(AwsRetryStrategy.standardRetryStrategy());
                        if (requestsPerSecond > 0) {
                            o.addExecutionInterceptor(new RequestPacing("chime-" + region, requestsPerSecond));
                        }
                    })
                    .build());
        }
        return clients;
    }
}
