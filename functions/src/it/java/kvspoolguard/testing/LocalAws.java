package kvspoolguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.aws.LocalDynamoDb;
import kvspoolguard.local.aws.MotoServer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS stand-ins the integration tests run against, over the real wire protocols: DynamoDB
 * Local (in this JVM) and moto's server (EventBridge, SQS, SSM), each started once per test JVM on
 * 127.0.0.1. The SDK finds them as it would in Lambda: through its endpoint settings (system
 * properties here, AWS_ENDPOINT_URL_* variables in a function), with throwaway credentials.
 * Each test makes its own table, bus and queue, named uniquely, so tests never see each other's data.
 */
public final class LocalAws {

    public static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalAws instance;

    private final LocalDynamoDb dynamoDb;
    private final MotoServer moto;
    public final DynamoDbClient dynamoDbClient;
    public final EventBridgeClient eventBridgeClient;
    public final SqsClient sqsClient;
    public final SsmClient ssmClient;

    private LocalAws() {
        dynamoDb = LocalDynamoDb.start(0);
        moto = MotoServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            moto.close();
            dynamoDb.close();
        }));
        applySettings();
        var http = UrlConnectionHttpClient.builder();
        dynamoDbClient = DynamoDbClient.builder().httpClientBuilder(http).build();
        eventBridgeClient = EventBridgeClient.builder().httpClientBuilder(http).build();
        sqsClient = SqsClient.builder().httpClientBuilder(http).build();
        ssmClient = SsmClient.builder().httpClientBuilder(http).build();
    }

    /** The stand-ins, started on first use; the SDK settings are applied again on every call. */
    public static synchronized LocalAws get() {
        if (instance == null) {
            instance = new LocalAws();
        }
        instance.applySettings(); // another test class may have cleared them
        return instance;
    }

    private void applySettings() {
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", "AKIALOCAL");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.endpointUrlDynamoDb", dynamoDb.endpoint().toString());
        System.setProperty("aws.endpointUrlEventBridge", moto.endpoint().toString());
        System.setProperty("aws.endpointUrlSqs", moto.endpoint().toString());
        System.setProperty("aws.endpointUrlSsm", moto.endpoint().toString());
    }

    /** Points every SDK client built from now on at the Chime emulator (and DynamoDB Local, moto). */
    public static void useChimeEmulator(java.net.URI endpoint) {
        get();
        System.setProperty("aws.endpointUrlChimeSdkMediaPipelines", endpoint.toString());
    }

    public static void forgetChimeEmulator() {
        System.clearProperty("aws.endpointUrlChimeSdkMediaPipelines");
    }

    /**
     * The environment template.yaml gives a function, over a fresh state table and the tap's bus:
     * the stack's region, the default bounds 24..720.
     */
    public Map<String, String> functionEnvironment(EventTap tap) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("STATE_TABLE_NAME", newStateTable());
        env.put("EVENT_BUS_NAME", tap.bus);
        env.put("MIN_RETENTION_HOURS", "24");
        env.put("MAX_RETENTION_HOURS", "720");
        return env;
    }

    /** A fresh state table shaped as template.yaml's StateTable. */
    public String newStateTable() {
        String name = "state-" + UUID.randomUUID();
        dynamoDbClient.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        return name;
    }

    /** A fresh bus whose every kvs-pool-guard event is delivered to a fresh queue, read through the result. */
    public EventTap newBusWithTap() {
        String bus = "bus-" + UUID.randomUUID();
        eventBridgeClient.createEventBus(r -> r.name(bus));
        String queueUrl = sqsClient.createQueue(r -> r.queueName("tap-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqsClient.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridgeClient.putRule(r -> r.name("tap").eventBusName(bus)
                .eventPattern("{\"source\":[\"kvs-pool-guard\"]}"));
        eventBridgeClient.putTargets(r -> r.rule("tap").eventBusName(bus)
                .targets(t -> t.id("queue").arn(queueArn)));
        return new EventTap(bus, queueUrl);
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

    /** Stores a policy document where SsmPolicySource reads it. */
    public void putParameter(String name, String value) {
        ssmClient.putParameter(r -> r.name(name).value(value).type("String").overwrite(true));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
