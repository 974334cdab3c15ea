package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import kvspoolguard.local.lambda.QueuePoller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Shard workers that die, on the sam-built functions under RIE: a worker killed by its timeout
 * mid-step is delivered the step again and finishes it, each update made once and each transition
 * reported once; a step delivered again after it was taken (its worker died after queueing the
 * next step, before its message was deleted) reads nothing and queues nothing twice. The planner
 * here sends to a queue of the test's own, which no poller reads: the test delivers the messages.
 */
class CrashEndToEndTest {

    private static final int POOLS = 40;
    private static final int TIMEOUT_SECONDS = 4;

    private final BuiltStack stack = BuiltStack.get();
    private String queue;

    @BeforeEach
    void ownQueue() {
        stack.chime.reset();
        stack.tap.drain();
        // delivered again 5 s after a receive that was not deleted
        queue = stack.aws.newShardQueue("crash-steps", 5);
    }

    private LocalFunction function(String name, int timeoutSeconds, Map<String, String> variables) {
        Map<String, String> own = new java.util.HashMap<>(variables);
        own.put("SHARD_QUEUE_URL", queue);
        return stack.variant(name, timeoutSeconds, own);
    }

    private void plan() {
        try (LocalFunction planner = function("RetentionEnforcerFunction", 30, Map.of())) {
            assertThat(planner.invoke(BuiltStack.firing(UUID.randomUUID().toString())).failed()).isFalse();
        }
    }

    private List<Message> receive() {
        // one at a time, as the template's BatchSize: SQS may hand a group's next message along otherwise
        return stack.aws.sqsClient.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private List<Message> receiveWithin(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<Message> messages = receive();
        while (messages.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(250);
            messages = receive();
        }
        return messages;
    }

    private byte[] event(List<Message> messages) {
        String arn = stack.aws.sqsClient.getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return QueuePoller.event(messages, arn, "us-east-1").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkerKilledByItsTimeoutMidStep_isDeliveredTheStepAgain_andFinishesIt_eachUpdateOnce() throws Exception {
        stack.chime.seed(IntStream.range(0, POOLS)
                .mapToObj(i -> EmulatedPool.active(String.format("crash-%02d", i), i % 2 == 0 ? 5000 : 168))
                .toArray(EmulatedPool[]::new));
        plan();
        List<Message> step = receive();

        Invocation killed;
        try (LocalFunction shortLived = function("ShardWorkerFunction", TIMEOUT_SECONDS, Map.of("MAX_CONCURRENCY", "2",
                "STEP_RESERVE_SECONDS", "1"))) {
            // initialised first, so that the timeout measures the step and not a cold start on a busy machine
            assertThat(shortLived.invoke("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)).failed()).isFalse();
            // slow enough that the step cannot end within the timeout: ~40 reads and ~20 updates, 2 at a time
            stack.chime.injectFaults(FaultRule.always(null, Fault.latency(Duration.ofMillis(400))));
            killed = shortLived.invoke(event(step));
        }
        assertThat(killed.failed()).as(killed.payloadText()).isTrue();
        assertThat(killed.payloadText()).contains("timed out");
        // the emulator applies and counts an Update sent just before the kill after its latency
        Thread.sleep(1_000);
        long updatedByTheDeadWorker = stack.chime.count(Operation.UPDATE_POOL).calls();
        assertThat(updatedByTheDeadWorker).as("the worker died mid-step").isBetween(1L, (long) POOLS / 2 - 1);

        stack.chime.clearFaults();
        List<Message> again = receiveWithin(Duration.ofSeconds(15));
        assertThat(again).as("the step, delivered again").extracting(Message::body)
                .containsExactlyElementsOf(step.stream().map(Message::body).toList());
        try (LocalFunction worker = function("ShardWorkerFunction", 60, Map.of())) {
            Invocation finished = worker.invoke(event(again));
            assertThat(finished.failed()).as(finished.payloadText()).isFalse();
            assertThat(BuiltStack.json(finished.payload()).path("batchItemFailures")).isEmpty();
        }

        List<JsonNode> events = stack.tap.drain();
        Map<String, Long> perType = events.stream().filter(e -> !e.path("resources").isEmpty())
                .collect(Collectors.groupingBy(e -> e.path("detail-type").asText(), Collectors.counting()));
        assertThat(perType).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Pool Status Changed", (long) POOLS, "Pool Retention Enforced", (long) POOLS / 2));
        assertThat(events).extracting(e -> e.at("/detail/eventId").asText()).doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Enforcement Run Completed"))
                .hasSize(1);
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).as("each update made once").isEqualTo(POOLS / 2);
        assertThat(stack.chime.pools()).allSatisfy(p -> assertThat(p.dataRetentionInHours()).isLessThanOrEqualTo(720));
    }

    @Test
    void aStepDeliveredAgainAfterItWasTaken_readsNothing_andQueuesItsContinuationOnce() throws Exception {
        stack.chime.seed(IntStream.range(0, 150).mapToObj(i -> EmulatedPool.active("again-%03d".formatted(i), 48))
                .toArray(EmulatedPool[]::new));
        plan();
        List<Message> first = receive();
        try (LocalFunction worker = function("ShardWorkerFunction", 60, Map.of("STEP_RESERVE_SECONDS", "600"))) {
            // the reserve is more than the whole time: the step lists one page and queues the next
            assertThat(worker.invoke(event(first)).failed()).isFalse();
            long gets = stack.chime.count(Operation.GET_POOL).calls();
            long lists = stack.chime.count(Operation.LIST_POOLS).calls();

            // its worker died before the message was deleted: SQS delivers it again
            List<Message> again = receiveWithin(Duration.ofSeconds(15));
            assertThat(again).extracting(Message::body).containsExactly(first.getFirst().body());
            Invocation redelivered = worker.invoke(event(again));

            assertThat(redelivered.failed()).isFalse();
            assertThat(BuiltStack.json(redelivered.payload()).path("batchItemFailures")).isEmpty();
            assertThat(stack.chime.count(Operation.GET_POOL).calls()).as("nothing read again").isEqualTo(gets);
            assertThat(stack.chime.count(Operation.LIST_POOLS).calls()).isEqualTo(lists);
            again.forEach(m -> stack.aws.sqsClient.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
            List<Message> next = receiveWithin(Duration.ofSeconds(5));
            assertThat(next).as("the continuation, once").singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("\"step\":1"));
            assertThat(worker.invoke(event(next)).failed()).isFalse();
        }

        assertThat(stack.chime.count(Operation.GET_POOL).calls()).as("each pool read once").isEqualTo(150);
        assertThat(stack.chime.count(Operation.LIST_POOLS).calls()).as("each page listed once").isEqualTo(2);
        assertThat(stack.tap.drain()).filteredOn(e -> e.path("detail-type").asText().equals("Enforcement Run Completed"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/counts/compliant").asInt()).isEqualTo(150));
    }
}
