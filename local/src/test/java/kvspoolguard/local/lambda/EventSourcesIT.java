package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event sources as {@code make stack} runs them, against moto, to a function under RIE. An SQS
 * event source mapping: messages reach the function as an SQS event, no more invocations at once
 * than MaximumConcurrency, a FIFO group one message at a time, and a batch item failure stays in the
 * queue until its dead-letter queue takes it. A template rule: moto's EventBridge matches the rule's
 * pattern, the function gets the event, and a failed delivery is delivered again.
 */
class EventSourcesIT {

    private static LocalAwsServices aws;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void moto() {
        aws = LocalAwsServices.start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void messagesReachTheFunction_atMostMaximumConcurrencyAtOnce_andAFailedItemGoesToTheDeadLetterQueue() {
        String name = "poller-" + UUID.randomUUID();
        String deadLetters = aws.createQueue(name + "-dlq", true, 5, null, 0);
        // longer than a cold start and an invocation, so that only the failed item comes back
        String queue = aws.createQueue(name, true, 5, deadLetters, 2);
        LocalSpec.EventSourceMapping mapping = new LocalSpec.EventSourceMapping("Batch", "Steps", "Steps", 1, 2, true);
        try (QueuePoller poller = QueuePoller.start(mapping, aws.sqsClient, queue, "us-east-1", () -> function("batch"),
                log::add)) {
            for (int group = 0; group < 4; group++) {
                for (int i = 0; i < 2; i++) {
                    String body = group == 0 && i == 0 ? "fail" : "ok";
                    String id = group + "-" + i;
                    int g = group;
                    aws.sqsClient.sendMessage(r -> r.queueUrl(queue).messageBody(body).messageGroupId("g" + g)
                            .messageDeduplicationId(id));
                }
            }

            assertThat(poller.awaitIdle(Duration.ofSeconds(60))).as("every message handled or dead-lettered").isTrue();
            assertThat(poller.peakConcurrency()).as("MaximumConcurrency").isEqualTo(2);
            assertThat(poller.deliveries()).filteredOn(QueuePoller.Delivery::failed)
                    .extracting(QueuePoller.Delivery::group).as("the failed item's two receives").containsExactly("g0", "g0");
            assertThat(poller.deliveries()).filteredOn(d -> !d.failed()).extracting(QueuePoller.Delivery::group)
                    .containsExactlyInAnyOrder("g0", "g1", "g1", "g2", "g2", "g3", "g3");
            assertThat(poller.deliveries()).allSatisfy(d -> assertThat(d.end()).isAfterOrEqualTo(d.start()));
        }
        List<String> dead = new ArrayList<>();
        aws.sqsClient.receiveMessage(r -> r.queueUrl(deadLetters).maxNumberOfMessages(10)).messages()
                .forEach(m -> dead.add(m.body()));
        assertThat(dead).as("the failed item, after its two receives; the others were deleted").containsExactly("fail");
        assertThat(aws.sqsClient.getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void aMatchingEventReachesTheFunction_andAFailedDeliveryIsDeliveredAgain() throws Exception {
        Path marker = Files.createTempDirectory("relay").resolve("first-delivery-failed");
        String source = "test.relay." + UUID.randomUUID();
        var pattern = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"source\": [\"" + source + "\"]}");
        try (LocalFunction function = function("failOnce");
             RuleRelay relay = RuleRelay.start(new LocalSpec.Rule("Relayed", "Event" + UUID.randomUUID().toString()
                     .substring(0, 8), "default", pattern), function, aws.eventBridgeClient, aws.sqsClient, log::add)) {
            aws.eventBridgeClient.putEvents(r -> r.entries(
                    e -> e.source("test.other").detailType("t").detail("{\"marker\": \"" + marker + "\"}"),
                    e -> e.source(source).detailType("t").detail("{\"marker\": \"" + marker + "\"}")));

            Instant giveUp = Instant.now().plusSeconds(30);
            while (starts() < 2 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(200);
            }
            Thread.sleep(1_500); // a third delivery, were the second not acknowledged, would show here

            assertThat(Files.exists(marker)).as("the first delivery reached the function").isTrue();
            assertThat(log).anyMatch(l -> l.contains("failed (") && l.contains("delivered again"));
            assertThat(starts()).as("delivered twice: refused, then answered; the other source never").isEqualTo(2);
        }
    }

    private long starts() {
        synchronized (log) {
            return log.stream().filter(l -> l.startsWith("START RequestId: ")).count();
        }
    }

    private LocalFunction function(String method) {
        return TestFunctions.of(method, 10, log::add);
    }
}
