package kvspoolguard.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * moto's server (DynamoDB, EventBridge, SQS, SSM) on 127.0.0.1, with SDK clients pointed at it, and the resources kvs-pool-guard needs made on demand: a state table
 * shaped as template.yaml's, a bus whose kvs-pool-guard events land in a queue, a policy parameter.
 * Used by the integration tests, the end-to-end tests and {@code make demo}.
 */
public final class LocalAwsServices implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "AKIALOCAL";
    public static final String SECRET_KEY = "local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto;
    public final DynamoDbClient dynamoDbClient;
    public final EventBridgeClient eventBridgeClient;
    public final SqsClient sqsClient;
    public final SsmClient ssmClient;

    private LocalAwsServices(MotoServer moto) {
        this.moto = moto;
        var http = UrlConnectionHttpClient.builder();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region region = Region.of(REGION);
        dynamoDbClient = DynamoDbClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(moto.endpoint()).build();
        eventBridgeClient = EventBridgeClient.builder().httpClientBuilder(http).region(region)
                .credentialsProvider(credentials).endpointOverride(moto.endpoint()).build();
        sqsClient = SqsClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(moto.endpoint()).build();
        ssmClient = SsmClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(moto.endpoint()).build();
    }

    /** Starts moto on a free loopback port. */
    public static LocalAwsServices start() {
        return new LocalAwsServices(MotoServer.start());
    }

    /** Where every one of these services answers. */
    public URI endpoint() {
        return moto.endpoint();
    }

    /** The variables that point a function's SDK at these services, with throwaway credentials. */
    public Map<String, String> endpointVariables() {
        Map<String, String> env = new TreeMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSM", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_ORGANIZATIONS", moto.endpoint().toString());
        return env;
    }

    /**
     * A function's variables for a local stack: these services, the Chime API and its STS at
     * {@code chime}, and the stack's table and bus (the rest comes from template.yaml).
     */
    public Map<String, String> stackVariables(URI chime, String table, EventTap tap) {
        Map<String, String> env = endpointVariables();
        env.put("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", chime.toString());
        env.put("AWS_ENDPOINT_URL_STS", chime.toString()); // the emulator's STS reaches member accounts
        env.put("STATE_TABLE_NAME", table);
        env.put("EVENT_BUS_NAME", tap.bus);
        return env;
    }

    /** A fresh state table shaped as template.yaml's StateTable. */
    public String newStateTable(String prefix) {
        String name = prefix + "-" + UUID.randomUUID();
        createStateTable(name);
        return name;
    }

    /** A state table shaped as template.yaml's StateTable, named {@code name}. */
    public void createStateTable(String name) {
        dynamoDbClient.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("historyOf"), attribute("at"), attribute("arn"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("history")
                        .keySchema(KeySchemaElement.builder().attributeName("historyOf").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("at").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build(),
                        GlobalSecondaryIndex.builder().indexName("pools")
                        .keySchema(KeySchemaElement.builder().attributeName("arn").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("name", "region",
                                "status", "retentionHours", "deleted", "violation", "pendingHours", "observedAt",
                                "standing", "rule")).build()));
        dynamoDbClient.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                .attributeName("expiresAt").enabled(true)));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    /**
     * A queue named {@code name} (".fifo" added to a FIFO queue's, as SQS requires), its dead letters
     * going to {@code deadLetterQueueUrl} after {@code maxReceiveCount} receives (null: nowhere); its URL.
     */
    public String createQueue(String name, boolean fifo, int visibilityTimeoutSeconds, String deadLetterQueueUrl,
                              int maxReceiveCount) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds));
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (deadLetterQueueUrl != null) {
            String deadLetterArn = sqsClient.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                    + "\",\"maxReceiveCount\":" + maxReceiveCount + "}");
        }
        return sqsClient.createQueue(r -> r.queueName(fifo ? name + ".fifo" : name).attributes(attributes)).queueUrl();
    }

    /** A fresh FIFO queue of shard steps, as template.yaml's ShardQueue, with its dead-letter queue. */
    public String newShardQueue(String prefix, int visibilityTimeoutSeconds) {
        String name = prefix + "-" + UUID.randomUUID();
        String deadLetters = createQueue(name + "-dlq", true, visibilityTimeoutSeconds, null, 0);
        return createQueue(name, true, visibilityTimeoutSeconds, deadLetters, 3);
    }

    /** An event bus named {@code name}; the account's "default" bus exists already. */
    public void createEventBus(String name) {
        if (!name.equals("default")) {
            eventBridgeClient.createEventBus(r -> r.name(name));
        }
    }

    /** A fresh bus whose every kvs-pool-guard event EventBridge delivers to a fresh queue. */
    public EventTap newBusWithTap(String prefix) {
        String bus = prefix + "-bus-" + UUID.randomUUID();
        eventBridgeClient.createEventBus(r -> r.name(bus));
        return tap(bus, prefix);
    }

    /**
     * From now on, every kvs-pool-guard event on {@code bus} is also delivered to a fresh queue.
     * moto's SQS reckons a queue's message counts on every send, so a tap holding tens of thousands
     * of events makes each later event cost more: tap a bus only for the events to be counted.
     */
    public EventTap tap(String bus, String prefix) {
        String queueUrl = sqsClient.createQueue(r -> r.queueName(prefix + "-tap-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqsClient.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridgeClient.putRule(r -> r.name("tap").eventBusName(bus)
                .eventPattern("{\"source\":[\"kvs-pool-guard\"]}"));
        eventBridgeClient.putTargets(r -> r.rule("tap").eventBusName(bus)
                .targets(t -> t.id("queue").arn(queueArn)));
        return new EventTap(bus, queueUrl);
    }

    /** Stores a policy document where the functions' SsmPolicySource reads it. */
    public void putParameter(String name, String value) {
        ssmClient.putParameter(r -> r.name(name).value(value).type("String").overwrite(true));
    }

    @Override
    public void close() {
        moto.close();
    }

    /** The events EventBridge delivered to a tap's queue. */
    public final class EventTap {
        public final String bus;
        private final String queueUrl;

        EventTap(String bus, String queueUrl) {
            this.bus = bus;
            this.queueUrl = queueUrl;
        }

        /** Every event delivered since the last call, removed from the queue. */
        public List<JsonNode> drain() {
            List<JsonNode> events = new ArrayList<>();
            while (true) {
                List<Message> batch = sqsClient.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    return events;
                }
                for (Message m : batch) {
                    events.add(parse(m.body()));
                    sqsClient.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
