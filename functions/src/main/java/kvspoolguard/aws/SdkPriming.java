package kvspoolguard.aws;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolChange;
import kvspoolguard.core.events.PoolRetentionChanged;
import kvspoolguard.core.policy.Judging;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.run.Trigger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK's request path, taken once before SnapStart's snapshot so that a restored function does
 * not take it cold: each kind of request the functions send is marshalled, signed with a stand-in
 * key, answered in the process by an HTTP client of this class's own and its answer unmarshalled.
 * Nothing leaves the process: the clients here are built for it, with that HTTP client, a fixed
 * region and endpoint and stand-in credentials (no credentials chain is asked), and none of the
 * functions' own clients or state is touched.
 */
public final class SdkPriming {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/primed";
    private static final String POOL = "{\"PoolArn\":\"" + ARN + "\",\"PoolName\":\"primed\","
            + "\"PoolId\":\"ChimeMediaPipelines-primed-00000000-0000-0000-0000-000000000000\",\"PoolStatus\":\"ACTIVE\","
            + "\"PoolSize\":0,\"StreamConfiguration\":{\"Region\":\"us-east-1\",\"DataRetentionInHours\":24},"
            + "\"CreatedTimestamp\":\"2026-01-01T00:00:00Z\",\"UpdatedTimestamp\":\"2026-01-01T00:00:00Z\"}";
    private static final URI NOWHERE = URI.create("https://priming.invalid");
    private static final StaticCredentialsProvider STAND_IN = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMING", "priming"));

    private SdkPriming() {
    }

    /**
     * Sends every kind of request once, answered in the process: reads a pool, as the directory maps
     * it, judges it by {@code policy} and publishes the event a change of its retention makes,
     * through the functions' publisher.
     */
    public static void requests(RetentionPolicy policy) {
        Answering http = new Answering();
        Pool pool;
        try (ChimeSdkMediaPipelinesClient chime = build(ChimeSdkMediaPipelinesClient.builder(), http);
             DynamoDbClient dynamoDb = build(DynamoDbClient.builder(), http);
             SqsClient sqs = build(SqsClient.builder(), http)) {
            pool = ChimePoolDirectory.toPool("us-east-1", chime.getMediaPipelineKinesisVideoStreamPool(
                    r -> r.identifier(ARN)).kinesisVideoStreamPoolConfiguration());
            chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(100));
            chime.listTagsForResource(r -> r.resourceARN(ARN));
            chime.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(ARN)
                    .streamConfiguration(c -> c.dataRetentionInHours(24)));
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(ARN), "sk", AttributeValue.fromS("pool"));
            dynamoDb.batchGetItem(r -> r.requestItems(Map.of("table", software.amazon.awssdk.services.dynamodb.model
                    .KeysAndAttributes.builder().keys(List.of(key)).consistentRead(true).build())));
            dynamoDb.getItem(r -> r.tableName("table").key(key).consistentRead(true));
            dynamoDb.updateItem(r -> r.tableName("table").key(key).updateExpression("SET #v = :v")
                    .conditionExpression("attribute_not_exists(pk) OR #v < :v")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"))));
            dynamoDb.putItem(r -> r.tableName("table").item(key).conditionExpression("attribute_not_exists(pk)"));
            dynamoDb.query(r -> r.tableName("table").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ARN))).limit(10));
            sqs.sendMessageBatch(r -> r.queueUrl(NOWHERE + "/123456789012/steps.fifo")
                    .entries(e -> e.id("0").messageBody("{}").messageGroupId("g").messageDeduplicationId("d")));
            sqs.changeMessageVisibility(r -> r.queueUrl(NOWHERE + "/123456789012/steps.fifo").receiptHandle("r")
                    .visibilityTimeout(10));
        }
        var transport = new AwsJsonService.Transport(http, STAND_IN, AwsRetryStrategy.standardRetryStrategy());
        var nowhere = new AwsJsonService.Target("us-east-1", NOWHERE);
        new EventBridgePublisher(new EventBridgeApi(transport, nowhere), "bus").publish(List.of(judged(pool, policy)));
        new SsmParameterStore(transport, nowhere).getParameter("/kvs-pool-guard/policy");
    }

    private static GuardEvent judged(Pool pool, RetentionPolicy policy) {
        Verdict verdict = policy.verdictFor(pool, Judging.at(Instant.EPOCH));
        int hours = verdict instanceof Verdict.Change change ? change.toHours() : pool.retentionHours();
        var change = PoolChange.builder().pool(EventPool.of(PoolRef.of(pool))).fromHours(pool.retentionHours())
                .toHours(hours).rule("defaults").build();
        return new GuardEvent(Instant.EPOCH, PoolRetentionChanged.builder(change, new Trigger(Trigger.Kind.API,
                "priming").triggeredBy()).changedBy(new Caller("priming", "priming")).changedAt(Instant.EPOCH).build());
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & SdkSyncClientBuilder<B, C>, C> C build(B builder, SdkHttpClient http) {
        return builder.httpClient(http).region(Region.US_EAST_1).credentialsProvider(STAND_IN).endpointOverride(NOWHERE)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build();
    }

    /** Answers every request in the process: a pool's configuration, tags, events accepted; {@code {}} to the rest. */
    private static final class Answering implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            String path = request.httpRequest().encodedPath();
            String body = target.endsWith(".PutEvents") ? "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e\"}]}"
                    : target.endsWith(".GetParameter") ? "{\"Parameter\":{\"Value\":\"{}\",\"Version\":1}}"
                    : path.startsWith("/tags") ? "{\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}"
                    : path.equals("/media-pipeline-kinesis-video-stream-pools")
                    ? "{\"KinesisVideoStreamPools\":[{\"PoolName\":\"primed\",\"PoolId\":\"p\",\"PoolArn\":\"" + ARN + "\"}]}"
                    : path.startsWith("/media-pipeline-kinesis-video-stream-pools/")
                    ? "{\"KinesisVideoStreamPoolConfiguration\":" + POOL + "}" : "{}";
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", String.valueOf(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
