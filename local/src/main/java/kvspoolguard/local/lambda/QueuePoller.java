package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One SQS event source mapping of the template, run as Lambda runs it: up to its
 * {@code MaximumConcurrency} pollers, each with an execution environment of its own (a function
 * under RIE serves one invocation at a time), receive batches of {@code BatchSize} and invoke the
 * function with them as an SQS event. A message is deleted once its invocation succeeded without
 * naming it among its {@code batchItemFailures}; the others come back after the queue's visibility
 * timeout and, past its {@code maxReceiveCount}, go to its dead-letter queue (moto does both, and
 * gives a FIFO queue's message group to one receiver at a time, as SQS does).
 */
public final class QueuePoller implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSpec.EventSourceMapping mapping;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final Consumer<String> say;
    private final List<LocalFunction> environments = new ArrayList<>();
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<Delivery> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean open = true;

    private QueuePoller(LocalSpec.EventSourceMapping mapping, SqsClient sqs, String queueUrl, String region,
                        Consumer<String> say) {
        this.mapping = mapping;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.region = region;
        this.say = say;
    }

    /**
     * Starts {@code mapping}'s pollers on {@code queueUrl}, each invoking an environment of its own
     * from {@code environments} (started here, stopped on {@link #close}).
     */
    public static QueuePoller start(LocalSpec.EventSourceMapping mapping, SqsClient sqs, String queueUrl,
                                    String region, Supplier<LocalFunction> environments, Consumer<String> say) {
        QueuePoller poller = new QueuePoller(mapping, sqs, queueUrl, region, say);
        try {
            for (int i = 0; i < mapping.maximumConcurrency(); i++) {
                LocalFunction environment = environments.get();
                poller.environments.add(environment);
                poller.pollers.add(Thread.ofVirtual().name("sqs-" + mapping.function() + "-" + i)
                        .start(() -> poller.poll(environment)));
            }
        } catch (RuntimeException e) {
            poller.close();
            throw e;
        }
        return poller;
    }

    private void poll(LocalFunction environment) {
        while (open) {
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(mapping.batchSize())
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            } catch (RuntimeException e) {
                if (open) {
                    say.accept("poller of " + mapping.function() + ": " + e.getMessage());
                    pause();
                }
                continue;
            }
            if (!batch.isEmpty()) {
                peak.accumulateAndGet(busy.incrementAndGet(), Math::max);
                try {
                    deliver(environment, batch);
                } finally {
                    busy.decrementAndGet();
                }
            }
        }
    }

    /**
     * One invocation of the function with a batch: the message group of its first message (a FIFO
     * queue's shard), when it started and ended, and whether the batch or any of its messages failed.
     */
    public record Delivery(String group, Instant start, Instant end, boolean failed) {
    }

    private void deliver(LocalFunction environment, List<Message> batch) {
        Instant start = Instant.now();
        Set<String> failed = null; // stays null when the function cannot start or settling throws: the batch failed
        try {
            LocalFunction.Invocation run = environment.invoke(event(batch, queueArn, region).toString()
                    .getBytes(StandardCharsets.UTF_8));
            failed = settle(run, batch);
        } catch (IllegalStateException e) {
            // as Lambda does when an invocation cannot run: the batch comes back after the visibility timeout,
            // and the poller goes on (the next invocation starts the function again)
            say.accept(mapping.function() + " could not take a batch of " + batch.size() + " (" + e.getMessage()
                    + "): it is delivered again after the visibility timeout");
        } finally {
            deliveries.add(new Delivery(batch.getFirst().attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                    start, Instant.now(), failed == null || !failed.isEmpty()));
        }
    }

    /** Deletes what the invocation finished; answers the messages it failed (null: all of them). */
    private Set<String> settle(LocalFunction.Invocation run, List<Message> batch) {
        if (run.failed()) {
            say.accept(mapping.function() + " failed a batch of " + batch.size() + " (" + run.errorType()
                    + "): it is delivered again after the visibility timeout");
            return null;
        }
        Set<String> failed = new HashSet<>();
        if (mapping.reportBatchItemFailures()) {
            try {
                JsonNode answer = JSON.readTree(run.payloadText());
                answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            } catch (IOException e) {
                say.accept(mapping.function() + " answered no batch item failures a poller can read: " + e.getMessage());
                return null; // as Lambda does with an answer it cannot read: the whole batch failed
            }
        }
        for (Message message : batch) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return failed;
    }

    /** The SQS event Lambda's poller sends with {@code batch}, received from the queue {@code queueArn}. */
    public static ObjectNode event(List<Message> batch, String queueArn, String region) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event;
    }

    /**
     * Waits until no message is waiting or in flight and no invocation is running (a sweep's steps
     * all taken), or {@code timeout} passed; false then.
     */
    public boolean awaitIdle(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        int idleChecks = 0;
        while (Instant.now().isBefore(end)) {
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            boolean idle = busy.get() == 0 && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            idleChecks = idle ? idleChecks + 1 : 0;
            if (idleChecks == 2) {
                return true;
            }
            pause(100);
        }
        return false;
    }

    /** Every invocation so far, in the order they ended. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** The most invocations that ran at once. */
    public int peakConcurrency() {
        return peak.get();
    }

    public String queueUrl() {
        return queueUrl;
    }

    private static void pause() {
        pause(1_000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        pollers.forEach(Thread::interrupt);
        for (LocalFunction environment : environments) {
            environment.close();
        }
    }
}
