package kvspoolguard.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The floor of a function's cold start and of an API request: the same SDK clients kvs-pool-guard
 * builds (same HTTP client, same retry strategy), built at init, and one Get per invocation. The
 * pool is the API event's {@code identifier} path parameter, or BASELINE_POOL for any other event.
 * It answers as an HTTP API (payload 2.0) function would.
 */
public final class MinimalHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final UrlConnectionHttpClient.Builder HTTP = UrlConnectionHttpClient.builder();
    private static final ChimeSdkMediaPipelinesClient CHIME = ChimeSdkMediaPipelinesClient.builder()
            .httpClientBuilder(HTTP).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
            .build();
    // built and never used: kvs-pool-guard builds them at init too, so their cost is part of the floor
    static final DynamoDbClient DYNAMODB = DynamoDbClient.builder().httpClientBuilder(HTTP)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();
    static final EventBridgeClient EVENTBRIDGE = EventBridgeClient.builder().httpClientBuilder(HTTP)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();
    static final SsmClient SSM = SsmClient.builder().httpClientBuilder(HTTP)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        KinesisVideoStreamPoolConfiguration pool = CHIME.getMediaPipelineKinesisVideoStreamPool(
                r -> r.identifier(identifier(event))).kinesisVideoStreamPoolConfiguration();
        String body = "{\"poolName\":\"" + pool.poolName() + "\",\"poolStatus\":\"" + pool.poolStatusAsString()
                + "\",\"dataRetentionInHours\":" + pool.streamConfiguration().dataRetentionInHours() + "}";
        return Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json"), "body", body);
    }

    private static String identifier(Map<String, Object> event) {
        if (event.get("pathParameters") instanceof Map<?, ?> path && path.get("identifier") instanceof String id) {
            return id;
        }
        return System.getenv("BASELINE_POOL");
    }
}
