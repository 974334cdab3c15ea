package kvspoolguard.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kvspoolguard.core.run.ShardQueue;
import kvspoolguard.core.run.ShardQueueException;
import kvspoolguard.core.run.ShardStep;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The shard steps' FIFO queue: SendMessageBatch, ten at a time. SQS answers 200 even when some
 * entries fail; those are reported, and the caller sends them again (the deduplication id makes a
 * step sent twice one message).
 */
public final class SqsShardQueue implements ShardQueue {

    static final int MAX_ENTRIES = 10;
    /** SQS's longest visibility timeout: 12 hours. */
    static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsShardQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("the shard queue needs a URL");
        }
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<ShardStep> steps) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < steps.size(); from += MAX_ENTRIES) {
            List<ShardStep> batch = steps.subList(from, Math.min(steps.size(), from + MAX_ENTRIES));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ShardStep step = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(ShardMessages.body(step)).messageGroupId(ShardMessages.group(step))
                        .messageDeduplicationId(ShardMessages.deduplicationId(step)).build());
            }
            try {
                for (BatchResultErrorEntry error : sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
                        .failed()) {
                    ShardStep step = batch.get(Integer.parseInt(error.id()));
                    failed.add(step.shard() + " step " + step.step() + ": " + error.code() + " " + error.message());
                }
            } catch (SdkException e) {
                throw new ShardQueueException("could not queue shard steps: " + SdkFailures.summary(e), e);
            }
        }
        if (!failed.isEmpty()) {
            throw new ShardQueueException("could not queue " + failed.size() + " shard steps: "
                    + String.join("; ", failed), null);
        }
    }

    @Override
    public void redeliverAfter(String receipt, Duration delay) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receipt)
                    .visibilityTimeout((int) Math.min(delay.toSeconds(), MAX_VISIBILITY_SECONDS)));
        } catch (SdkException e) {
            throw new ShardQueueException("could not bring a shard step back sooner: " + SdkFailures.summary(e), e);
        }
    }
}
