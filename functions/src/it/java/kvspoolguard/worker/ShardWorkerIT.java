package kvspoolguard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Ports;
import kvspoolguard.core.ShardedRuns;
import kvspoolguard.enforcer.EnforcerRuns;
import kvspoolguard.lambda.RunMetrics;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.lambda.SchedulerInput;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import kvspoolguard.testing.TestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The shard worker's handler in process, fed the SQS events its event source mapping sends, with
 * the steps the enforcer planned: its metrics, its batch item failures, its continuations.
 */
class ShardWorkerIT {

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator(ChimePoolEmulator.builder());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private final LocalAws aws = LocalAws.get();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final Map<String, String> env = new HashMap<>();
    private LocalAwsServices.EventTap tap;

    @BeforeEach
    void freshStack() {
        tap = aws.newBusWithTap();
        env.putAll(aws.functionEnvironment(tap));
    }

    private ShardWorkerHandler worker(Map<String, String> environment) {
        GuardConfig config = GuardConfig.fromEnvironment(environment);
        Ports ports = AwsPorts.of(config, Clock.systemUTC());
        return new ShardWorkerHandler(config, new ShardedRuns(ports, config.maxConcurrency(), Clock.systemUTC()),
                RunMetrics.powertools());
    }

    /** The enforcer plans a sweep: each shard's first step is in the queue. */
    private void plan() throws IOException {
        EnforcerRuns.handler(env).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(
                        EnforcerRuns.fresh("schedule"))), new ByteArrayOutputStream(), new TestContext());
    }

    /**
     * EventBridge Scheduler sends the template's Input, its context attributes filled in, with an
     * execution id of its own for each attempt: two attempts of one firing plan one run, the next
     * firing another.
     */
    @Test
    void twoAttemptsOfOneFiringOfTheTemplatesSchedule_areOneRun_theNextFiringAnother() throws Exception {
        emulator.seed(EmulatedPool.active("a", 48));
        String input = YAML.readTree(java.nio.file.Path.of("..", "template.yaml").toFile())
                .at("/Resources/RetentionEnforcerFunction/Properties/Events/Sweep/Properties/Input").asText()
                .replace("${AWS::AccountId}", "123456789012").replace("${AWS::Region}", "us-east-1");
        String schedule = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + UUID.randomUUID();

        JsonNode first = planned(SchedulerInput.attempt(input, schedule, "2026-12-01T10:00:00Z", "a1b2c3d4e5f60001", 1));
        JsonNode retried = planned(SchedulerInput.attempt(input, schedule, "2026-12-01T10:00:00Z", "a1b2c3d4e5f60002", 2));
        JsonNode next = planned(SchedulerInput.attempt(input, schedule, "2026-12-01T11:00:00Z", "a1b2c3d4e5f60003", 1));

        assertThat(first.path("queuedShards")).as(first.toString()).hasSize(1);
        assertThat(retried.path("runId").asText()).isEqualTo(first.path("runId").asText())
                .isNotEqualTo(next.path("runId").asText());
    }

    private JsonNode planned(String event) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        EnforcerRuns.handler(env).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                new TestContext());
        return JSON.readTree(answer.toByteArray());
    }

    private List<Message> waiting() {
        return aws.sqs().receiveMessage(r -> r.queueUrl(env.get("SHARD_QUEUE_URL")).maxNumberOfMessages(10))
                .messages();
    }

    private static ObjectNode event(List<Message> messages, String... extraBodies) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        messages.forEach(m -> {
            ObjectNode record = records.addObject().put("messageId", m.messageId()).put("body", m.body())
                    .put("receiptHandle", m.receiptHandle());
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        });
        for (String body : extraBodies) {
            records.addObject().put("messageId", "extra-" + UUID.randomUUID()).put("body", body);
        }
        return event;
    }

    private JsonNode take(ShardWorkerHandler worker, JsonNode event, TestContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        worker.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, context);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void aStep_sweepsItsShard_andWritesItsMetrics_asEmbeddedMetricFormat() throws Exception {
        emulator.seed(EmulatedPool.active("above", 2400), EmulatedPool.active("below", 6),
                EmulatedPool.active("within", 48), EmulatedPool.active("busy", 4000).withStatus(PoolStatus.UPDATING));
        plan();
        List<Message> steps = waiting();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = take(worker(env), event(steps), new TestContext());
        } finally {
            System.setOut(stdout);
        }

        assertThat(steps).hasSize(1);
        assertThat(answer.path("batchItemFailures")).isEmpty();
        JsonNode emf = JSON.readTree(captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{\"_aws\"")).reduce((first, last) -> last).orElseThrow());
        assertThat(emf.path("PoolsEvaluated").asDouble()).isEqualTo(4);
        assertThat(emf.path("PoolsEnforced").asDouble()).isEqualTo(2);
        assertThat(emf.path("PoolsDeferred").asDouble()).isEqualTo(1);
        assertThat(tap.drain()).extracting(e -> e.path("detail-type").asText()).contains("Enforcement Run Completed");
    }

    /** The step waiting in the queue, as the event source mapping receives it, within {@code limit}. */
    private List<Message> nextStep(Duration limit) throws InterruptedException {
        Instant giveUp = Instant.now().plus(limit);
        do {
            List<Message> steps = aws.sqs().receiveMessage(r -> r.queueUrl(env.get("SHARD_QUEUE_URL"))
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!steps.isEmpty()) {
                return steps;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(giveUp));
        return List.of();
    }

    @Test
    void aStepThatFailsTwice_comesBackSoonerEachTime_thanTheQueuesTimeout_andItsRunCompletes() throws Exception {
        emulator.seed(EmulatedPool.active("a", 9000));
        env.put("SHARD_QUEUE_URL", aws.newShardQueue(5400)); // as template.yaml's ShardQueue
        env.put("STEP_RETRY_SECONDS", "1");
        plan();
        Map<String, String> busless = new HashMap<>(env);
        busless.put("EVENT_BUS_NAME", "no-such-bus");
        Instant planned = Instant.now();

        for (int delivery = 1; delivery <= 2; delivery++) {
            List<Message> step = nextStep(Duration.ofSeconds(15));
            assertThat(step).as("delivery %d, long before the queue's 5,400 s", delivery).hasSize(1);
            assertThat(step.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(delivery));
            assertThat(take(worker(busless), event(step), new TestContext()).path("batchItemFailures")).hasSize(1);
        }
        List<Message> third = nextStep(Duration.ofSeconds(15));
        assertThat(third).as("the third delivery, after 1 s and then 2 s").hasSize(1);
        JsonNode answer = take(worker(env), event(third), new TestContext());

        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(Duration.between(planned, Instant.now())).isLessThan(Duration.ofSeconds(30));
        // the pool's own events wait in its record's outbox for the next run that reads it
        assertThat(tap.drain()).extracting(e -> e.path("detail-type").asText()).containsExactly("Enforcement Run Completed");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).as("updated once, by the first delivery").isEqualTo(1);
    }

    @Test
    void aPoolWhoseRecordDoesNotDecode_isSetAsideAlone_andTheStepSucceedsForTheRest() throws Exception {
        emulator.seed(EmulatedPool.active("a", 9000), EmulatedPool.active("b", 48), EmulatedPool.active("broken", 9000));
        String broken = emulator.poolArn("us-east-1", "broken");
        aws.dynamoDbClient.putItem(r -> r.tableName(env.get("STATE_TABLE_NAME")).item(Map.of(
                "pk", AttributeValue.fromS("pool#" + broken), "arn", AttributeValue.fromS(broken),
                "version", AttributeValue.fromN("3"), "status", AttributeValue.fromS("NO_SUCH_STATUS"))));
        plan();
        List<Message> steps = waiting();
        TestContext context = new TestContext();

        JsonNode answer = take(worker(env), event(steps), context);

        assertThat(answer.path("batchItemFailures")).as("nothing to retry: the record stays as it is").isEmpty();
        assertThat(emulator.requests()).filteredOn(r -> r.operation() == Operation.UPDATE_POOL)
                .as("a is enforced; broken is not, since its intent cannot be recorded").singleElement()
                .satisfies(r -> assertThat(r.rawPath()).endsWith("%2Fa"));
        assertThat(context.logged()).anyMatch(l -> l.contains("\"pool outcome\"") && l.contains("broken")
                && l.contains("FAILED") && l.contains("does not decode"));
        assertThat(tap.drain()).extracting(e -> e.path("detail-type").asText()).contains("Pool Retention Enforced",
                "Enforcement Run Completed");
    }

    @Test
    void aStepThatCouldNotPublish_isABatchItemFailure_withEveryEventLoggedWhole() throws Exception {
        emulator.seed(EmulatedPool.active("a", 9000), EmulatedPool.active("b", 48));
        plan();
        List<Message> steps = waiting();
        Map<String, String> busless = new HashMap<>(env);
        busless.put("EVENT_BUS_NAME", "no-such-bus");
        TestContext context = new TestContext();

        JsonNode answer = take(worker(busless), event(steps), context);

        assertThat(answer.path("batchItemFailures")).extracting(f -> f.path("itemIdentifier").asText())
                .containsExactly(steps.getFirst().messageId());
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).as("the pools were still enforced").isEqualTo(1);
        assertThat(context.logged().stream().filter(l -> l.contains("\"unpublishedEvent\":true")).count())
                .as("each pool's events and the run's completion, whole in the log").isEqualTo(4);
    }

    @Test
    void aMessageThatIsNoStep_isABatchItemFailure_andSoIsEveryMessageAfterIt() throws Exception {
        emulator.seed(EmulatedPool.active("a", 48));
        plan();
        List<Message> steps = waiting();
        TestContext context = new TestContext();
        ObjectNode event = event(List.of(), "{\"runId\": \"r\"}");
        steps.forEach(m -> ((ArrayNode) event.get("Records")).addObject().put("messageId", m.messageId())
                .put("body", m.body()));

        JsonNode answer = take(worker(env), event, context);

        assertThat(answer.path("batchItemFailures")).hasSize(2);
        assertThat(context.logged()).anyMatch(l -> l.contains("is not a shard step") && l.contains("trigger"));
        assertThat(emulator.count(Operation.GET_POOL).calls()).as("a shard's steps are taken in order").isZero();
    }

    @Test
    void aShardLargerThanAStepsTime_continuesInTheNextStep_listingEachPageOnce() throws Exception {
        emulator.seed(IntStream.range(0, 150).mapToObj(i -> EmulatedPool.active("p%03d".formatted(i), 48))
                .toArray(EmulatedPool[]::new));
        env.put("STEP_RESERVE_SECONDS", "30");
        plan();
        ShardWorkerHandler worker = worker(env);
        List<String> tokens = new ArrayList<>();
        int invocations = 0;
        for (List<Message> steps = waiting(); !steps.isEmpty() && invocations < 5; steps = waiting()) {
            steps.forEach(m -> tokens.add(m.body()));
            // 30 s left: all of it is the reserve, so each step lists one page and continues
            JsonNode answer = take(worker, event(steps), new TestContext(30_000));
            assertThat(answer.path("batchItemFailures")).isEmpty();
            steps.forEach(m -> aws.sqs().deleteMessage(r -> r.queueUrl(env.get("SHARD_QUEUE_URL"))
                    .receiptHandle(m.receiptHandle())));
            invocations++;
        }

        assertThat(invocations).as("two pages, a step each").isEqualTo(2);
        assertThat(tokens.get(1)).contains("\"step\":1").doesNotContain("\"pageToken\":null");
        assertThat(emulator.count(Operation.LIST_POOLS).calls()).as("each page listed once").isEqualTo(2);
        assertThat(emulator.count(Operation.GET_POOL).calls()).as("each pool read once").isEqualTo(150);
        assertThat(tap.drain()).filteredOn(e -> e.path("detail-type").asText().equals("Enforcement Run Completed"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/counts/compliant").asInt()).isEqualTo(150));
    }
}
