package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kvspoolguard.local.aws.LocalAwsServices;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What `make invoke`, `make api` and `make stack` start besides the functions: moto with the
 * stack's table, bus and queues, or, on services the caller started, those same resources there.
 */
class OnDemandServicesIT {

    private static final List<FunctionSpec> FUNCTIONS = List.of(
            function("A", Map.of("STATE_TABLE_NAME", "table-a", "EVENT_BUS_NAME", "bus-a")),
            function("B", Map.of("STATE_TABLE_NAME", "table-a", "EVENT_BUS_NAME", "")));

    private static FunctionSpec function(String name, Map<String, String> environment) {
        return new FunctionSpec(name, "h::handleRequest", "java25", 512, 30, Path.of("."), Set.of(), environment);
    }

    @Test
    void withoutEndpoints_motoServesTheStacksTableAndBus_untilClosed() {
        List<String> said = new ArrayList<>();
        URI endpoint;
        try (OnDemandServices services = OnDemandServices.start(Map.of("MY_OWN", "kept"), FUNCTIONS, List.of(), said::add)) {
            Map<String, String> caller = services.callerWithEndpoints(Map.of("MY_OWN", "kept",
                    "AWS_REGION", "eu-west-1"));
            assertThat(caller).containsEntry("MY_OWN", "kept").containsEntry("AWS_REGION", "eu-west-1")
                    .containsKey("AWS_ENDPOINT_URL_DYNAMODB").containsKey("AWS_ENDPOINT_URL_EVENTBRIDGE");
            endpoint = URI.create(caller.get("AWS_ENDPOINT_URL_DYNAMODB"));
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).build();
                 EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint)
                         .region(Region.US_EAST_1).credentialsProvider(credentials()).build()) {
                assertThat(dynamo.listTables().tableNames()).containsExactly("table-a");
                assertThat(events.describeEventBus(r -> r.name("bus-a")).name()).isEqualTo("bus-a");
            }
            assertThat(said).singleElement().asString().contains(endpoint.toString(), "AWS_ENDPOINT_URL_DYNAMODB");
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            assertThatThrownBy(dynamo::listTables).as("stopped with the command").isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void theTemplatesQueues_areMade_withTheirDeadLetters_andTheVariablesNamingThemGetTheirUrls() {
        List<FunctionSpec> functions = List.of(function("W", Map.of("STATE_TABLE_NAME", "t", "EVENT_BUS_NAME", "b",
                "SHARD_QUEUE_URL", "Steps")));
        List<LocalSpec.Queue> queues = List.of(new LocalSpec.Queue("Steps", true, 5400, "Dead", 3),
                new LocalSpec.Queue("Dead", true, 30, null, 0));
        try (OnDemandServices services = OnDemandServices.start(Map.of(), functions, queues, s -> { })) {
            Map<String, String> caller = services.callerWithEndpoints(Map.of());
            String url = caller.get("SHARD_QUEUE_URL");
            assertThat(url).isEqualTo(services.queueUrl("Steps")).endsWith("/Steps.fifo");
            try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(caller.get("AWS_ENDPOINT_URL_SQS")))
                    .region(Region.US_EAST_1).credentialsProvider(credentials()).build()) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(QueueAttributeName.ALL)).attributes();
                assertThat(attributes).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                        .as("no longer than the longest function's timeout")
                        .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
                assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("Dead.fifo", "3");
            }
            assertThat(services.callerWithEndpoints(Map.of("SHARD_QUEUE_URL", "mine")))
                    .as("the caller's own value stands").containsEntry("SHARD_QUEUE_URL", "mine");
        }
    }

    @Test
    void aCallerWhoBringsTheirOwnServices_getsTheStacksResourcesMadeThere_onceHoweverOftenItStarts() {
        List<FunctionSpec> functions = List.of(function("W", Map.of("STATE_TABLE_NAME", "t", "EVENT_BUS_NAME", "b",
                "SHARD_QUEUE_URL", "Steps")));
        List<LocalSpec.Queue> queues = List.of(new LocalSpec.Queue("Steps", true, 5400, "Dead", 3),
                new LocalSpec.Queue("Dead", true, 30, null, 0));
        try (LocalAwsServices theirs = LocalAwsServices.start()) {
            Map<String, String> caller = Map.of("AWS_ENDPOINT_URL", theirs.endpoint().toString());
            List<String> said = new ArrayList<>();
            for (int start = 0; start < 2; start++) { // the second finds everything there
                try (OnDemandServices services = OnDemandServices.start(caller, functions, queues, said::add)) {
                    Map<String, String> variables = services.callerWithEndpoints(caller);
                    assertThat(variables).as("their endpoints, no other").doesNotContainKey("AWS_ENDPOINT_URL_DYNAMODB")
                            .containsEntry("SHARD_QUEUE_URL", services.queueUrl("Steps"));
                }
            }
            assertThat(theirs.dynamoDbClient.listTables().tableNames()).containsExactly("t");
            assertThat(theirs.eventBridgeClient.describeEventBus(r -> r.name("b")).name()).isEqualTo("b");
            assertThat(theirs.sqsClient.listQueues().queueUrls()).hasSize(2);
            assertThat(said).hasSize(2).allSatisfy(s -> assertThat(s).contains("your AWS services at"));
            assertThat(theirs.dynamoDbClient.listTables().tableNames()).as("still serving: closing stopped nothing")
                    .isNotEmpty();
        }
    }

    @Test
    void aCallerWhoNamesSomeServices_andNotOthers_isToldWhichVariableIsMissing() {
        assertThatThrownBy(() -> OnDemandServices.start(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1"),
                FUNCTIONS, List.of(), s -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL_EVENTBRIDGE");
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAwsServices.ACCESS_KEY,
                LocalAwsServices.SECRET_KEY));
    }
}
