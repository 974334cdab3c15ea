package kvspoolguard.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.lambda.FunctionEnvironment;
import kvspoolguard.local.lambda.FunctionSpec;
import kvspoolguard.local.lambda.HttpApiGateway;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;

/**
 * The main job on a laptop: a realistic fleet in the Chime emulator, the stack's table, bus (with a
 * rule to an SQS queue) and policy parameter in moto, and the sam-built
 * functions under AWS's Runtime Interface Emulator. It shows the fleet as the Pool API judges it, runs the
 * scheduled sweep, shows the fleet again with the events emitted, then plays a drift.
 *
 * <p>Everything it starts it stops in {@link #close}, which is safe to call twice (the normal end,
 * and the Ctrl-C hook).
 */
final class Demo implements AutoCloseable {

    static final String DRIFTING_POOL = "standups";
    private static final String POLICY_PARAMETER = "/kvs-pool-guard/demo/policy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSpec spec;
    private final Path runtime;
    private final Path fleet;
    private final Path policy;
    private final Path events;
    private final Path logFile;
    private final PrintStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<AutoCloseable> started = new ArrayList<>();

    private PrintWriter log;
    private ChimePoolEmulator chime;
    private LocalAwsServices aws;
    private LocalAwsServices.EventTap tap;
    private LocalFunction enforcer;
    private HttpApiGateway api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Demo(LocalSpec spec, Path runtime, Path fleet, Path policy, Path events, Path logFile, PrintStream out) {
        this.spec = spec;
        this.runtime = runtime;
        this.fleet = fleet;
        this.policy = policy;
        this.events = events;
        this.logFile = logFile;
        this.out = out;
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        log = new PrintWriter(Files.newBufferedWriter(logFile), true);
        started.add(log);

        EmulatedPool[] pools = EmulatedPool.read(fleet).toArray(EmulatedPool[]::new);
        step("Starting the Chime KVS pool emulator with %d pools (%s)", pools.length, fleet);
        chime = ChimePoolEmulator.builder().port(0).transitionDelay(Duration.ofMillis(300)).build().start();
        started.add(chime);
        chime.seed(pools);

        step("Starting moto (DynamoDB, EventBridge, SQS, SSM) on 127.0.0.1");
        aws = LocalAwsServices.start();
        started.add(aws);
        String table = aws.newStateTable("demo-state");
        tap = aws.newBusWithTap("demo");
        aws.putParameter(POLICY_PARAMETER, Files.readString(policy));
        detail("state table %s, bus %s (rule: source kvs-pool-guard -> SQS queue), policy %s from %s",
                table, tap.bus, POLICY_PARAMETER, policy);

        Map<String, String> stack = aws.stackVariables(chime.endpoint(), table, tap);
        stack.put("POLICY_PARAMETER_NAME", POLICY_PARAMETER);
        stack.put("REGIONS", "eu-west-1");

        step("Starting the functions sam build made, under AWS's Runtime Interface Emulator (log: %s)", logFile);
        enforcer = function("RetentionEnforcerFunction", stack);
        LocalFunction poolApi = function("PoolApiFunction", stack);
        api = HttpApiGateway.start(spec.routes(), name -> poolApi, 0, HttpApiGateway.Caller.DEFAULT);
        started.add(api);
        detail("HTTP API on %s", api.endpoint());

        step("Before: the fleet as GET /pools judges it");
        out.print(fleetTable(listPools(), null).render("    "));

        step("Scheduled sweep: RetentionEnforcerFunction with %s", events.resolve("schedule.json"));
        JsonNode summary = invokeEnforcer(Files.readAllBytes(events.resolve("schedule.json")));
        detail("run %s: %s", summary.path("runId").asText(), counts(summary.path("counts")));

        step("After the sweep");
        out.print(fleetTable(listPools(), summary).render("    "));
        out.println();
        out.print(eventTable(tap.drain()).render("    "));

        drift();
        step("Done. Stopping every process the demo started.");
    }

    /** An outsider raises a pool's retention; the aws.chime Updated event brings the enforcer back. */
    private void drift() throws IOException, InterruptedException {
        String arn = chime.poolArn(LocalAwsServices.REGION, DRIFTING_POOL);
        step("Drift: someone raises %s to 5000 h with UpdateMediaPipelineKinesisVideoStreamPool", DRIFTING_POOL);
        try (ChimeSdkMediaPipelinesClient outsider = ChimeSdkMediaPipelinesClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(LocalAwsServices.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOUTSIDER", "x")))
                .endpointOverride(chime.endpoint())
                .build()) {
            outsider.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(DRIFTING_POOL)
                    .streamConfiguration(s -> s.dataRetentionInHours(5000)));
        }
        awaitActive(DRIFTING_POOL);
        detail("%s is ACTIVE at %d h; AWS sends chime:MediaPipelineKinesisVideoStreamPoolUpdated", DRIFTING_POOL,
                retentionOf(DRIFTING_POOL));

        ObjectNode updated = (ObjectNode) JSON.readTree(events.resolve("pool-updated.json").toFile());
        ObjectNode detail = (ObjectNode) updated.get("detail");
        detail.put("poolArn", arn);
        detail.put("timestamp", Instant.now().toEpochMilli());
        updated.put("time", Instant.now().toString());
        step("Delivering the aws.chime Updated event to RetentionEnforcerFunction");
        invokeEnforcer(JSON.writeValueAsBytes(updated));
        detail("%s is back at %d h", DRIFTING_POOL, retentionOf(DRIFTING_POOL));
        out.print(eventTable(tap.drain()).render("    "));
    }

    private LocalFunction function(String name, Map<String, String> stack) {
        FunctionSpec function = spec.function(name);
        // the caller's environment is deliberately not applied: the demo brings its own services
        LocalFunction local = LocalFunction.of(function, FunctionEnvironment.resolve(function, stack, Map.of()),
                runtime, line -> log.println(name + " | " + line));
        started.add(local);
        return local;
    }

    private JsonNode invokeEnforcer(byte[] event) throws IOException {
        LocalFunction.Invocation invocation = enforcer.invoke(event);
        LocalFunction.Report report = invocation.report();
        detail("%s", report.line().replace('\t', ' ').replaceFirst("REPORT RequestId: \\S+ ", "REPORT "));
        if (invocation.failed()) {
            throw new IllegalStateException("the enforcer failed (" + invocation.errorType() + "): "
                    + invocation.payloadText() + "; its log is in " + logFile);
        }
        return JSON.readTree(invocation.payload());
    }

    /** Every pool, page after page, as GET /pools judges it. */
    private List<JsonNode> listPools() throws IOException, InterruptedException {
        List<JsonNode> pools = new ArrayList<>();
        String token = null;
        do {
            URI page = api.endpoint().resolve("/pools?limit=100"
                    + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /pools answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            body.path("pools").forEach(pools::add);
            token = body.path("nextToken").isTextual() ? body.path("nextToken").asText() : null;
        } while (token != null);
        return pools;
    }

    private static TextTable fleetTable(List<JsonNode> pools, JsonNode summary) {
        Map<String, JsonNode> outcomes = new HashMap<>();
        if (summary != null) {
            summary.path("outcomes").forEach(o -> outcomes.put(o.path("arn").asText(), o));
        }
        TextTable table = new TextTable("POOL", "REGION", "STATUS", "RETENTION", "RULE", "VERDICT",
                summary == null ? "WOULD SET" : "THIS RUN");
        for (JsonNode item : pools) {
            JsonNode pool = item.path("pool");
            JsonNode compliance = item.path("compliance");
            String arn = pool.path("poolArn").asText();
            String last = summary == null ? hours(compliance.path("enforcementWouldSet"))
                    : outcomes.containsKey(arn) ? describe(outcomes.get(arn)) : "nothing to do";
            table.row(pool.path("poolName").asText(), arn.split(":")[3], pool.path("poolStatus").asText(),
                    hours(pool.path("streamConfiguration").path("dataRetentionInHours")),
                    compliance.path("rule").isNull() ? null : compliance.path("rule").asText(),
                    compliance.path("verdict").asText(), last);
        }
        return table;
    }

    private static String describe(JsonNode outcome) {
        String text = outcome.path("outcome").asText() + " " + outcome.path("fromHours").asText() + " -> "
                + outcome.path("toHours").asText() + " h";
        return outcome.hasNonNull("reason") ? text + " (" + outcome.path("reason").asText() + ")" : text;
    }

    private static TextTable eventTable(List<JsonNode> events) {
        TextTable table = new TextTable("EVENT (delivered to the SQS queue)", "POOL", "WHAT");
        events.stream()
                .sorted((a, b) -> a.path("detail-type").asText().compareTo(b.path("detail-type").asText()))
                .forEach(e -> {
                    JsonNode d = e.path("detail");
                    table.row(e.path("detail-type").asText(), d.path("pool").path("name").asText("-"), what(d));
                });
        return table;
    }

    private static String what(JsonNode d) {
        if (d.has("change")) {
            return d.path("change").asText() + " " + d.path("status").asText();
        }
        if (d.has("counts")) {
            return d.path("pools").asText() + " pools: " + counts(d.path("counts"));
        }
        if (d.has("previousRetentionHours")) {
            return d.path("previousRetentionHours").asText() + " -> " + d.path("retentionHours").asText() + " h";
        }
        String text = d.path("fromHours").asText() + " -> " + d.path("toHours").asText() + " h, rule "
                + d.path("rule").asText();
        return d.has("reason") ? text + ", " + d.path("reason").asText() : text;
    }

    /** {"compliant":3,"enforced":1,"failed":0} as "3 compliant, 1 enforced". */
    static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.properties().forEach(c -> {
            if (c.getValue().asInt() != 0) {
                parts.add(c.getValue().asInt() + " " + c.getKey().toLowerCase(java.util.Locale.ROOT));
            }
        });
        return String.join(", ", parts);
    }

    private static String hours(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText() + " h";
    }

    private void awaitActive(String name) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (pool(name).status() == PoolStatus.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not return to ACTIVE within 10 s");
    }

    private int retentionOf(String name) {
        return pool(name).dataRetentionInHours();
    }

    private EmulatedPool pool(String name) {
        return chime.pools().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no pool " + name + " in the emulator"));
    }

    private int steps;

    private void step(String format, Object... args) {
        out.printf("%n[%d] %s%n", ++steps, String.format(format, args));
        out.flush();
    }

    private void detail(String format, Object... args) {
        out.println("    " + String.format(format, args));
        out.flush();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("    (stopping " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
    }
}
