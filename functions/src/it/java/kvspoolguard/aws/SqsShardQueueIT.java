package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.ShardQueueException;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The shard queue against moto's SQS: batches of ten, each step once however often it is sent. */
class SqsShardQueueIT {

    private final LocalAws aws = LocalAws.get();

    private static List<ShardStep> steps(int shards) {
        return IntStream.range(0, shards).mapToObj(i -> ShardStep.builder().runId("run-1").trigger(Trigger.Kind.SCHEDULE).dryRun(false).shard(new Shard(String.format("1000000000%02d", i), "us-east-1")).build()).toList();
    }

    @Test
    void moreStepsThanABatch_areAllQueued_andStepsSentAgainAreQueuedOnce() {
        String url = aws.functionEnvironment(aws.newBusWithTap()).get("SHARD_QUEUE_URL");
        SqsShardQueue queue = new SqsShardQueue(aws.sqs(), url);

        queue.send(steps(23));
        queue.send(steps(23)); // a planner delivered again

        List<ShardStep> received = new ArrayList<>();
        for (List<Message> batch = receive(url); !batch.isEmpty(); batch = receive(url)) {
            batch.forEach(m -> {
                received.add(ShardMessages.parse(m.body()));
                aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            });
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(steps(23));
    }

    @Test
    void aQueueThatIsNotThere_isAShardQueueException() {
        String url = aws.functionEnvironment(aws.newBusWithTap()).get("SHARD_QUEUE_URL");
        SqsShardQueue queue = new SqsShardQueue(aws.sqs(), url.replace(".fifo", "-gone.fifo"));

        assertThatThrownBy(() -> queue.send(steps(1))).isInstanceOf(ShardQueueException.class)
                .hasMessageContaining("could not queue shard steps");
    }

    private List<Message> receive(String url) {
        return aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
    }
}
