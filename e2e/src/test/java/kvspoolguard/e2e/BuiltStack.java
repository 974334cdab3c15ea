package kvspoolguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.FunctionEnvironment;
import kvspoolguard.local.lambda.FunctionSpec;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalSpec;
import kvspoolguard.local.lambda.QueuePoller;

/**
 * The stack as `sam build` produced it, running locally once per test JVM: each function in one
 * warm RIE process (AWS's Runtime Interface Emulator and Java runtime interface client over the
 * sam-built artifact), with the environment the template gives it, pointed at the Chime emulator
 * and moto.
 * What the functions log is written to target/function-logs.txt.
 */
final class BuiltStack {

    static final Path ROOT = Path.of(System.getProperty("kvspoolguard.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    private static BuiltStack instance;

    final ChimePoolEmulator chime;
    final LocalAwsServices aws;
    final LocalAwsServices.EventTap tap;
    final LocalSpec spec;
    final LocalFunction enforcer;
    final LocalFunction poolApi;
    /** The shard queue's event source mapping: the shard workers under RIE, as the template runs them. */
    final QueuePoller workers;
    /** The variables that point a function at this stack's services and resources. */
    final Map<String, String> stack;
    private final PrintWriter logs;
    /** Every line the functions logged in this JVM, for tests of what is (not) in the log; the newest 200,000. */
    private final java.util.Deque<String> logLines = new java.util.ArrayDeque<>();

    private BuiltStack() {
        Path specFile = Path.of(System.getProperty("kvspoolguard.spec", ROOT.resolve(".aws-sam/local-spec.json").toString()));
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalStateException(specFile + " is missing: run these tests with `make e2e`, which runs sam build"
                    + " and writes it");
        }
        spec = LocalSpec.read(specFile);
        chime = ChimePoolEmulator.builder().port(0).transitionDelay(Duration.ZERO).build().start();
        aws = LocalAwsServices.start();
        tap = aws.newBusWithTap("e2e");
        Map<String, String> variables = new java.util.TreeMap<>(aws.stackVariables(chime.endpoint(),
                aws.newStateTable("e2e-state"), tap));
        // as long as the worker's timeout, as make stack makes it: a step that failed comes back within it
        variables.put("SHARD_QUEUE_URL", aws.newShardQueue("e2e-steps",
                spec.function("ShardWorkerFunction").timeoutSeconds()));
        stack = Map.copyOf(variables);
        logs = openLog();
        enforcer = function("RetentionEnforcerFunction");
        poolApi = function("PoolApiFunction");
        LocalSpec.EventSourceMapping steps = spec.eventSourceMappings().getFirst();
        workers = QueuePoller.start(steps, aws.sqsClient, stack.get("SHARD_QUEUE_URL"), "us-east-1",
                () -> function(steps.function()), line -> log("shard queue", line));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.close();
            enforcer.close();
            poolApi.close();
            aws.close();
            chime.close();
        }));
    }

    static synchronized BuiltStack get() {
        if (instance == null) {
            instance = new BuiltStack();
        }
        return instance;
    }

    /**
     * Another instance of a built function on this stack, with its own timeout and variables (the
     * caller closes it): for what the template's instance must not be changed for.
     */
    LocalFunction variant(String name, int timeoutSeconds, Map<String, String> variables) {
        FunctionSpec f = spec.function(name);
        FunctionSpec changed = new FunctionSpec(f.name(), f.handler(), f.runtime(), f.memoryMb(), timeoutSeconds,
                f.codeUri(), f.templateVariables(), f.environment());
        Map<String, String> environment = new java.util.TreeMap<>(FunctionEnvironment.resolve(changed, stack, Map.of()));
        environment.putAll(variables);
        return LocalFunction.of(changed, environment, runtime(), line -> log(name + " (variant)", line));
    }

    private LocalFunction function(String name) {
        FunctionSpec function = spec.function(name);
        return LocalFunction.of(function, FunctionEnvironment.resolve(function, stack, Map.of()), runtime(),
                line -> log(name, line));
    }

    /**
     * A scheduled sweep, as the template runs it: the schedule's event (a fresh id, so a new run)
     * to the enforcer, which plans it; then the shard workers take every step it queued. The
     * planner's invocation; the run's outcome is in its events and its record.
     */
    LocalFunction.Invocation sweep() {
        return sweep(enforcer);
    }

    /** A scheduled sweep planned by {@code planner} (a variant of the enforcer). */
    LocalFunction.Invocation sweep(LocalFunction planner) {
        LocalFunction.Invocation planned = planner.invoke(firing(java.util.UUID.randomUUID().toString()));
        if (!workers.awaitIdle(Duration.ofMinutes(3))) {
            throw new IllegalStateException("the shard workers did not finish the sweep's steps within 3 minutes");
        }
        return planned;
    }

    /** A run's count of the pools of one outcome kind ({@code ENFORCED}, ...), as its record holds it; 0 when none. */
    int runCount(String runId, String kind) {
        var item = aws.dynamoDbClient.getItem(r -> r.tableName(stack.get("STATE_TABLE_NAME")).consistentRead(true)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("run#" + runId))))
                .item();
        return item == null || !item.containsKey("count_" + kind) ? 0 : Integer.parseInt(item.get("count_" + kind).n());
    }

    /** The runtime interface client's jars, as `make e2e` builds them. */
    private static Path runtime() {
        return Path.of(System.getProperty("kvspoolguard.lambdaRuntime", ROOT.resolve("local/target/lambda-runtime").toString()));
    }

    private void log(String function, String line) {
        logs.println(function + " | " + line);
        synchronized (logLines) {
            if (logLines.size() == 200_000) {
                logLines.removeFirst();
            }
            logLines.addLast(line);
        }
    }

    /** The lines the functions logged so far. */
    List<String> logLines() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }

    /** The functions' log lines go to target/function-logs.txt: there when a test needs explaining, not on the console. */
    private static PrintWriter openLog() {
        try {
            return new PrintWriter(Files.newBufferedWriter(Path.of("target", "function-logs.txt")), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sample of events/ as if AWS sent it now (the enforcer ignores aws.chime events older than
     * what it last observed), with its pool ARN (if any) pointed at {@code poolArn}.
     */
    /**
     * The schedule's event (events/schedule.json) for a firing of its own: a run is named after its
     * schedule and scheduled time, so the firing's schedule is one named {@code id}.
     */
    static byte[] firing(String id) {
        return kvspoolguard.local.lambda.SchedulerInput.anotherFiring((ObjectNode) json(sample("schedule.json", null)), id)
                .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] sample(String file, String poolArn) {
        try {
            JsonNode event = JSON.readTree(ROOT.resolve("events").resolve(file).toFile());
            if (event.path("detail").has("poolArn")) {
                ObjectNode detail = (ObjectNode) event.path("detail");
                detail.put("timestamp", Instant.now().toEpochMilli());
                ((ObjectNode) event).put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                if (poolArn != null) {
                    detail.put("poolArn", poolArn);
                }
            }
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EmulatedPool pool(String name) {
        return chime.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    String arn(String name) {
        return chime.poolArn(LocalAwsServices.REGION, name);
    }
}
