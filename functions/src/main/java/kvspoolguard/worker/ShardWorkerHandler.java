package kvspoolguard.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.aws.ShardMessages;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Ports;
import kvspoolguard.core.ShardedRuns;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.lambda.Invocations;
import kvspoolguard.lambda.Logs;
import kvspoolguard.lambda.Priming;
import kvspoolguard.lambda.RunMetrics;
import kvspoolguard.report.TriggerLog;
import kvspoolguard.report.TriggerSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShardWorkerFunction: takes shard steps from the FIFO queue (its event source mapping), one step
 * of one shard's sweep per message, and answers the messages it could not finish as batch item
 * failures, so that SQS delivers them again (and, after the queue's receive count, moves them to
 * the dead-letter queue). A message whose body is not a step is such a failure, logged with the
 * reason: it ends in the dead-letter queue, where nothing of it is lost. Once one message of a
 * batch fails, the ones after it fail too: a shard's steps are taken in order. A failed message
 * comes back after a short wait that doubles with each of its deliveries (STEP_RETRY_SECONDS,
 * then twice that, ...), not after the queue's visibility timeout, which is sized for a step that
 * runs its whole time: its shard (a FIFO group) waits for it, and the run's deadline with it.
 */
public final class ShardWorkerHandler implements RequestStreamHandler {

    /** Built once per execution environment, during init. */
    private static final class FromEnvironment {
        static final GuardConfig CONFIG = GuardConfig.fromEnvironment(System.getenv());
        static final Ports PORTS = AwsPorts.of(CONFIG, Clock.systemUTC());
        static final ShardedRuns RUNS = new ShardedRuns(PORTS, CONFIG.maxConcurrency(), Clock.systemUTC());

        static {
            // its event: a step as the planner queues it
            Priming.register("ShardWorkerFunction", CONFIG, () -> ShardMessages.parse(ShardMessages.body(ShardStep.builder()
                    .runId("00000000-0000-0000-0000-000000000000").trigger(Trigger.Kind.SCHEDULE)
                    .shard(new Shard("123456789012", "us-east-1")).build())));
        }
    }

    /** The longest a failed step waits to come back, however often it failed. */
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(ShardWorkerHandler.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final GuardConfig config;
    private final ShardedRuns runs;
    private final RunMetrics metrics;

    public ShardWorkerHandler() {
        this(FromEnvironment.CONFIG, FromEnvironment.RUNS, RunMetrics.powertools());
    }

    ShardWorkerHandler(GuardConfig config, ShardedRuns runs, RunMetrics metrics) {
        this.config = config;
        this.runs = runs;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        JsonNode records;
        try {
            records = JSON.readTree(input).path("Records");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the invocation is not an SQS event: " + e.getOriginalMessage(), e);
        }
        if (!records.isArray()) {
            throw new IllegalArgumentException("the invocation is not an SQS event: it has no Records array");
        }
        boolean failing = false;
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText("");
            failing = failing || !take(messageId, record.path("body").asText(null), context);
            if (failing) {
                failures.addObject().put("itemIdentifier", messageId);
                retrySoon(record, context);
            }
        }
        output.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The wait before a failed message's next delivery: STEP_RETRY_SECONDS, doubled for each delivery before. */
    static Duration retryAfter(Duration first, int deliveries) {
        int doublings = Math.clamp(deliveries - 1, 0, 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private void retrySoon(JsonNode record, Context context) {
        String receipt = record.path("receiptHandle").asText("");
        if (receipt.isEmpty()) {
            return; // not from a queue: nothing to bring back
        }
        int deliveries = record.at("/attributes/ApproximateReceiveCount").asInt(1);
        Duration wait = retryAfter(config.stepRetry(), deliveries);
        Logs.open(context);
        try {
            runs.retryStep(receipt, wait).ifPresent(why -> LOG.warn(
                    "message {} comes back after the queue's visibility timeout, not in {}: {}",
                    record.path("messageId").asText(""), wait, why));
        } finally {
            Logs.close();
        }
    }

    /** Takes one message's step: false when the message should be delivered again. */
    private boolean take(String messageId, String body, Context context) {
        Logs.open(context);
        try {
            ShardStep step;
            try {
                step = ShardMessages.parse(body);
            } catch (IllegalArgumentException e) {
                metrics.malformedEvent();
                LOG.error("message {} is not a shard step, left for the dead-letter queue: {}", messageId,
                        e.getMessage());
                return false;
            }
            Logs.correlate(step.runId(), true);
            Logs.shard(step.shard());
            Trigger trigger = new Trigger(step.trigger(), step.runId(), Invocations.timeLeft(context));
            TriggerResult result = runs.step(step, trigger, config.runOptions(step.runId(), step.dryRun()));
            metrics.record(result);
            TriggerLog.run(result, TriggerSummary.of(result), result.leftUndone());
            return !result.worthRetrying();
        } finally {
            Logs.close();
        }
    }
}
