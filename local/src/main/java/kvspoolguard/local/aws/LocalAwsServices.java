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
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * moto's server (DynamoDB, EventBridge, SQS, SSM) on 127.0.0.1, or services someone else started
 * ({@link #at}), with SDK clients pointed at them, and the resources kvs-pool-guard needs made on
 * demand: a state table shaped as template.yaml's, a bus whose kvs-pool-guard events land in a
 * queue, a policy parameter. Used by the integration tests, the end-to-end tests, the local
 * runners and {@code make demo}.
 */
public final class LocalAwsServices implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "AKIALOCAL";
    public static final String SECRET_KEY = "local";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** moto when started here (stopped on {@link #close}); null for services someone else runs. */
    private final MotoServer moto;
    private final URI endpoint;
    public final DynamoDbClient dynamoDbClient;
    public final EventBridgeClient eventBridgeClient;
    public final SqsClient sqsClient;
    public final SsmClient ssmClient;

    private LocalAwsServices(MotoServer moto, Map<String, URI> endpoints, Region region,
                             StaticCredentialsProvider credentials) {
        this.moto = moto;
        this.endpoint = endpoints.get("DYNAMODB");
        var http = UrlConnectionHttpClient.builder();
        dynamoDbClient = DynamoDbClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.get("DYNAMODB")).build();
        eventBridgeClient = EventBridgeClient.builder().httpClientBuilder(http).region(region)
                .credentialsProvider(credentials).endpointOverride(endpoints.get("EVENTBRIDGE")).build();
        sqsClient = SqsClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.get("SQS")).build();
        ssmClient = SsmClient.builder().httpClientBuilder(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.get("SSM")).build();
    }

    /** Starts moto on a free loopback port. */
    public static LocalAwsServices start() {
        MotoServer moto = MotoServer.start();
        Map<String, URI> endpoints = new TreeMap<>();
        for (String service : SERVICES) {
            endpoints.put(service, moto.endpoint());
        }
        return new LocalAwsServices(moto, endpoints, Region.of(REGION),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** The services the clients reach, by their suffix of AWS_ENDPOINT_URL_. */
    private static final List<String> SERVICES = List.of("DYNAMODB", "EVENTBRIDGE", "SQS", "SSM");

    /**
     * The services someone else started, where {@code env} points the SDK (AWS_ENDPOINT_URL_DYNAMODB,
     * _EVENTBRIDGE, _SQS, _SSM, or AWS_ENDPOINT_URL for all), in its region, with its credentials
     * (throwaway ones when it names none); closing stops nothing.
     *
     * @throws IllegalArgumentException when a service has no endpoint there
     */
    public static LocalAwsServices at(Map<String, String> env) {
        Map<String, URI> endpoints = new TreeMap<>();
        for (String service : SERVICES) {
            String url = env.getOrDefault("AWS_ENDPOINT_URL_" + service, env.get("AWS_ENDPOINT_URL"));
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("AWS_ENDPOINT_URL_DYNAMODB is set, so your services are used:"
                        + " set AWS_ENDPOINT_URL_" + service + " (or AWS_ENDPOINT_URL) too");
            }
            endpoints.put(service, URI.create(url));
        }
        return new LocalAwsServices(null, endpoints, Region.of(env.getOrDefault("AWS_REGION", REGION)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.getOrDefault("AWS_ACCESS_KEY_ID", ACCESS_KEY),
                        env.getOrDefault("AWS_SECRET_ACCESS_KEY", SECRET_KEY))));
    }

    /** Where these services answer (DynamoDB's endpoint, when someone else's differ). */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The variables that point a function's SDK at moto started here, with throwaway credentials;
     * none for someone else's services, where the caller's own variables point already.
     */
    public Map<String, String> endpointVariables() {
        Map<String, String> env = new TreeMap<>();
        if (moto == null) {
            return env;
        }
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
     * A function's variables for a local stack: these services, the Chime API, its streams' API and
     * its STS at {@code chime}, and the stack's table and bus (the rest comes from template.yaml).
     */
    public Map<String, String> stackVariables(URI chime, String table, EventTap tap) {
        Map<String, String> env = endpointVariables();
        env.put("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", chime.toString());
        env.put("AWS_ENDPOINT_URL_KINESIS_VIDEO", chime.toString()); // the emulator serves the pools' streams
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

    /** A state table shaped as template.yaml's StateTable, named {@code name}; one already there is kept as it is. */
    public void createStateTable(String name) {
        try {
            dynamoDbClient.describeTable(r -> r.tableName(name));
            return;
        } catch (ResourceNotFoundException e) {
            // made below
        }
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
        String queueName = fifo ? name + ".fifo" : name;
        try {
            return sqsClient.createQueue(r -> r.queueName(queueName).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException e) {
            return sqsClient.getQueueUrl(r -> r.queueName(queueName)).queueUrl(); // there with other settings: kept
        }
    }

    /** A fresh FIFO queue of shard steps, as template.yaml's ShardQueue, with its dead-letter queue. */
    public String newShardQueue(String prefix, int visibilityTimeoutSeconds) {
        String name = prefix + "-" + UUID.randomUUID();
        String deadLetters = createQueue(name + "-dlq", true, visibilityTimeoutSeconds, null, 0);
        return createQueue(name, true, visibilityTimeoutSeconds, deadLetters, 3);
    }

    /** An event bus named {@code name}, unless it is there (the account's "default" bus always is). */
    public void createEventBus(String name) {
        if (name.equals("default")) {
            return;
        }
        try {
            eventBridgeClient.createEventBus(r -> r.name(name));
        } catch (ResourceAlreadyExistsException e) {
            // kept as it is
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

    /** The organisation of moto's management account, made if there is none. */
    public MotoOrganization organization() {
        return MotoOrganization.at(endpoint());
    }

    /** Stores a policy document where the functions' SsmPolicySource reads it. */
    public void putParameter(String name, String value) {
        ssmClient.putParameter(r -> r.name(name).value(value).type("String").overwrite(true));
    }

    @Override
    public void close() {
        dynamoDbClient.close();
        eventBridgeClient.close();
        sqsClient.close();
        ssmClient.close();
        if (moto != null) {
            moto.close();
        }
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
