package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.aws.ShardMessages;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Ports;
import kvspoolguard.core.ShardedRuns;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.lambda.RunMetrics;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.report.TriggerSummary;
import kvspoolguard.testing.EventSchemas;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.TestContext;
import kvspoolguard.testing.TriggerResults;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The enforcer's handler in process, as its ITs run it: built from an environment, fed sample events. */
public final class EnforcerRuns {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");

    private EnforcerRuns() {
    }

    /** Each handler's environment, for the shard workers of the sweeps it plans. */
    private static final Map<RetentionEnforcerHandler, Map<String, String>> ENVIRONMENTS =
            Collections.synchronizedMap(new WeakHashMap<>());

    public static RetentionEnforcerHandler handler(Map<String, String> env) {
        GuardConfig config = GuardConfig.fromEnvironment(env);
        Ports ports = AwsPorts.of(config, Clock.systemUTC());
        RetentionEnforcerHandler handler = new RetentionEnforcerHandler(config, ports, RunMetrics.powertools());
        ENVIRONMENTS.put(handler, Map.copyOf(env));
        return handler;
    }

    /**
     * The handler's answer to {@code event}; for a sweep it planned, the summary of the steps its
     * shards' workers then took from the queue, one after the other, as one: the pools' outcomes
     * and events, and an {@link IncompleteRunException} when a step left work undone, as the sweep
     * in one invocation answered.
     */
    public static JsonNode invoke(RetentionEnforcerHandler handler, JsonNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonNode answer;
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new TestContext());
            answer = JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = ENVIRONMENTS.get(handler);
        return env == null || answer.path("queuedShards").isEmpty() ? answer : workSteps(env, answer);
    }

    /** The shard workers take every step in the queue, each with a Lambda invocation's whole time. */
    private static JsonNode workSteps(Map<String, String> env, JsonNode planned) {
        GuardConfig config = GuardConfig.fromEnvironment(env);
        ShardedRuns worker = new ShardedRuns(AwsPorts.of(config, Clock.systemUTC()), config.maxConcurrency(),
                Clock.systemUTC());
        SqsClient sqs = LocalAws.get().sqs();
        String queue = env.get("SHARD_QUEUE_URL");
        Trigger trigger = null;
        List<TriggerResult> results = new ArrayList<>();
        for (List<Message> batch = receive(sqs, queue); !batch.isEmpty(); batch = receive(sqs, queue)) {
            for (Message message : batch) {
                ShardStep step = ShardMessages.parse(message.body());
                trigger = new Trigger(step.trigger(), step.runId(), Trigger.LONGEST_RUN);
                TriggerResult result = worker.step(step, trigger, config.runOptions(step.runId(), step.dryRun()).withStepReserve(config.stepReserve()));
                results.add(result);
                if (result.worthRetrying()) {
                    return undone(TriggerResults.merged(trigger, results));
                }
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
        return trigger == null ? planned : TriggerSummary.of(TriggerResults.merged(trigger, results));
    }

    private static List<Message> receive(SqsClient sqs, String queue) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)).messages();
    }

    private static JsonNode undone(TriggerResult result) {
        throw new IncompleteRunException("run " + result.trigger().id() + " left work undone: unpublished events "
                + result.unpublished().size() + ", state errors " + result.stateErrors().size());
    }

    /** A sample of events/, as it is. */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(name + ".json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sample of events/ with a fresh id, as another delivery of its kind (a schedule's: another firing). */
    public static ObjectNode fresh(String name) {
        String id = UUID.randomUUID().toString();
        ObjectNode event = sample(name).put("id", id);
        return event.path("detail-type").asText().equals("Scheduled Event")
                ? kvspoolguard.local.lambda.SchedulerInput.anotherFiring(event, id) : event;
    }

    /** A pool state change of the sample's kind, about {@code arn}, from the account and region that hold it. */
    public static ObjectNode poolEvent(String sample, String arn) {
        ObjectNode event = fresh(sample);
        String[] parts = arn.split(":");
        event.put("region", parts[3]).put("account", parts[4]);
        ((ObjectNode) event.get("detail")).put("poolArn", arn).put("timestamp", System.currentTimeMillis());
        return event;
    }

    /** Every event the tap got since the last call, each checked against its schema. */
    static List<JsonNode> events(LocalAwsServices.EventTap tap) {
        List<JsonNode> events = tap.drain();
        for (JsonNode e : events) {
            assertThat(e.path("source").asText()).isEqualTo("kvs-pool-guard");
            assertThat(EventSchemas.violations(EventSchemas.typeOf(e.path("detail-type").asText()), e.path("detail")))
                    .as("%s conforms to its schema", e).isEmpty();
        }
        return events;
    }
}
