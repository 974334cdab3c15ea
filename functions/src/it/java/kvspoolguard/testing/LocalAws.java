package kvspoolguard.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.aws.LocalAwsServices.EventTap;
import kvspoolguard.local.aws.MotoOrganization;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS stand-ins the integration tests run against ({@link LocalAwsServices}: moto's server
 * on 127.0.0.1), started once per test JVM. The code under test finds them as it
 * would in Lambda: through the SDK's endpoint settings (system properties here, AWS_ENDPOINT_URL_*
 * variables in a function), with throwaway credentials. Each test makes its own table, bus and
 * queue, named uniquely, so tests never see each other's data.
 */
public final class LocalAws {

    public static final String REGION = LocalAwsServices.REGION;
    private static LocalAws instance;

    private final LocalAwsServices services;
    public final DynamoDbClient dynamoDbClient;
    public final EventBridgeClient eventBridgeClient;
    public final SqsClient sqsClient;
    public final SsmClient ssmClient;

    private LocalAws() {
        services = LocalAwsServices.start();
        Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        dynamoDbClient = services.dynamoDbClient;
        eventBridgeClient = services.eventBridgeClient;
        sqsClient = services.sqsClient;
        ssmClient = services.ssmClient;
        applySettings();
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
        System.setProperty("aws.accessKeyId", LocalAwsServices.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAwsServices.SECRET_KEY);
        System.setProperty("aws.endpointUrlDynamoDb", services.endpoint().toString());
        System.setProperty("aws.endpointUrlEventBridge", services.endpoint().toString());
        System.setProperty("aws.endpointUrlSqs", services.endpoint().toString());
        System.setProperty("aws.endpointUrlSsm", services.endpoint().toString());
        System.setProperty("aws.endpointUrlOrganizations", services.endpoint().toString());
    }

    /** Points every SDK client built from now on at the Chime emulator, its streams' API too (and moto). */
    public static void useChimeEmulator(URI endpoint) {
        get();
        System.setProperty("aws.endpointUrlChimeSdkMediaPipelines", endpoint.toString());
        System.setProperty("aws.endpointUrlKinesisVideo", endpoint.toString()); // the pools' streams
        System.setProperty("aws.endpointUrlSts", endpoint.toString()); // the emulator's STS: member accounts
    }

    public static void forgetChimeEmulator() {
        System.clearProperty("aws.endpointUrlChimeSdkMediaPipelines");
        System.clearProperty("aws.endpointUrlKinesisVideo");
        System.clearProperty("aws.endpointUrlSts");
    }

    /**
     * The environment template.yaml gives a function, over a fresh state table and the tap's bus:
     * the stack's region, the default bounds 24..720.
     */
    public Map<String, String> functionEnvironment(EventTap tap) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("ACCOUNT_ID", "123456789012");
        env.put("STATE_TABLE_NAME", newStateTable());
        env.put("EVENT_BUS_NAME", tap.bus);
        env.put("SHARD_QUEUE_URL", services.newShardQueue("steps", 30));
        env.put("MIN_RETENTION_HOURS", "24");
        env.put("MAX_RETENTION_HOURS", "720");
        return env;
    }

    /** The SQS client of the local services, for the shard queue's messages. */
    public software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return services.sqsClient;
    }

    /** A fresh FIFO queue of shard steps whose messages stay invisible this long once received. */
    public String newShardQueue(int visibilityTimeoutSeconds) {
        return services.newShardQueue("steps", visibilityTimeoutSeconds);
    }

    /** A fresh state table shaped as template.yaml's StateTable. */
    public String newStateTable() {
        return services.newStateTable("state");
    }

    /** A fresh bus whose every kvs-pool-guard event is delivered to a fresh queue, read through the result. */
    public EventTap newBusWithTap() {
        return services.newBusWithTap("it");
    }

    /** The organisation of moto's management account, made if there is none. */
    public MotoOrganization organization() {
        return services.organization();
    }

    /** Stores a policy document where SsmPolicySource reads it. */
    public void putParameter(String name, String value) {
        services.putParameter(name, value);
    }

}
