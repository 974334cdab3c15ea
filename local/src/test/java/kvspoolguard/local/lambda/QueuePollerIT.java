package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * An SQS event source mapping as {@code make stack} runs it: messages reach the function under RIE
 * as an SQS event, no more invocations at once than MaximumConcurrency, a FIFO group one message at
 * a time, and a batch item failure stays in the queue until its dead-letter queue takes it.
 */
class QueuePollerIT {

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
        try (QueuePoller poller = QueuePoller.start(mapping, aws.sqsClient, queue, "us-east-1", this::function,
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

    private LocalFunction function() {
        return TestFunctions.of("batch", 10, log::add);
    }
}
