package kvspoolguard.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.local.lambda.FunctionEnvironment;
import kvspoolguard.local.lambda.FunctionSpec;
import kvspoolguard.local.lambda.HttpApiGateway;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalSpec;
import kvspoolguard.local.lambda.QueuePoller;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;

/**
 * The main job on a laptop, for an organisation: a realistic fleet in three accounts and two
 * regions in the Chime emulator (one member account's role refuses), the stack's table, bus (with
 * a rule to an SQS queue) and policy parameter in moto, and the sam-built functions under AWS's
 * Runtime Interface Emulator. It shows the fleet per account and region as the Pool API judges it,
 * runs the scheduled sweep (the enforcer plans it, the shard workers take its steps from the
 * queue), shows the fleet again with the events emitted and the shards that
 * failed, then plays a drift in a member account's non-home region, corrected in real time and
 * attributed when CloudTrail's record of it comes, and shows the fleet's compliance from the state.
 *
 * <p>Everything it starts it stops in {@link #close}, which is safe to call twice (the normal end,
 * and the Ctrl-C hook).
 */
final class Demo implements AutoCloseable {

    static final String DRIFTING_POOL = "media-eu-calls";
    /** A pool whose streams the sweep's update does not all reach. */
    static final String MISSED_POOL = "sales-calls";
    /** A pool one of whose streams an outsider lowers directly. */
    static final String LOWERED_POOL = "media-podcasts";
    static final String MEDIA = "210987654321";
    static final String RESEARCH = "345678901234";
    private static final String EXTERNAL_ID = "kvs-pool-guard-demo";
    private static final String DRIFT_REGION = "eu-west-1";
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
    private final Map<String, JsonNode> answers = new java.util.concurrent.ConcurrentHashMap<>();

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

        chime = ChimePoolEmulator.builder().port(0).transitionDelay(Duration.ofMillis(300)).build().start();
        started.add(chime);
        step("Started the Chime KVS pool emulator with %d pools (%s)", chime.seed(fleet).size(), fleet);
        chime.trustRoles(RoleTrust.requiringExternalId(role(MEDIA), EXTERNAL_ID), RoleTrust.refusing(role(RESEARCH)));
        detail("accounts: %s (the stack's own), %s (media: its member role admits the stack), %s (research: "
                + "its member role refuses)", chime.accountId(), MEDIA, RESEARCH);

        step("Starting moto (DynamoDB, EventBridge, SQS, SSM, Organizations) on 127.0.0.1");
        aws = LocalAwsServices.start();
        started.add(aws);
        String table = aws.newStateTable("demo-state");
        tap = aws.newBusWithTap("demo");
        aws.putParameter(POLICY_PARAMETER, Files.readString(policy));
        detail("state table %s, bus %s (rule: source kvs-pool-guard -> SQS queue), policy %s from %s",
                table, tap.bus, POLICY_PARAMETER, policy);

        Map<String, String> stack = aws.stackVariables(chime.endpoint(), table, tap);
        stack.put("POLICY_PARAMETER_NAME", POLICY_PARAMETER);
        stack.put("REGIONS", DRIFT_REGION);
        stack.put("GOVERNED_ACCOUNTS", MEDIA + "," + RESEARCH);
        stack.put("MEMBER_EXTERNAL_ID", EXTERNAL_ID);
        LocalSpec.EventSourceMapping steps = spec.eventSourceMappings().getFirst();
        stack.put("SHARD_QUEUE_URL", aws.newShardQueue("demo-steps", spec.function(steps.function()).timeoutSeconds()));

        step("Starting the functions sam build made, under AWS's Runtime Interface Emulator (log: %s)", logFile);
        enforcer = function("RetentionEnforcerFunction", stack);
        LocalFunction poolApi = function("PoolApiFunction", stack);
        api = HttpApiGateway.start(spec.routes(), name -> poolApi, 0, HttpApiGateway.Caller.DEFAULT);
        started.add(api);
        detail("HTTP API on %s", api.endpoint());
        QueuePoller workers = QueuePoller.start(steps, aws.sqsClient, stack.get("SHARD_QUEUE_URL"),
                LocalAwsServices.REGION, () -> function(steps.function(), stack), line -> log.println("queue | " + line));
        started.add(workers);
        detail("shard queue %s -> %s, %d at a time", steps.queue(), steps.function(), steps.maximumConcurrency());

        step("Before: the fleet as GET /pools?account=... judges it, account by account");
        out.print(fleetTable(listPools(), null).render("    "));

        EmulatedStream missed = streamsOf(MISSED_POOL).getLast();
        chime.missNextPropagation(missed.arn());
        detail("%s (%d h) has %d streams; the next update of the pool will not reach %s, as a failed "
                + "propagation would not", MISSED_POOL, retentionOf(MISSED_POOL), streamsOf(MISSED_POOL).size(),
                missed.name());

        step("Scheduled sweep: RetentionEnforcerFunction with %s", events.resolve("schedule.json"));
        JsonNode planned = invokeEnforcer(Files.readAllBytes(events.resolve("schedule.json")));
        String runId = planned.path("runId").asText();
        detail("run %s planned: a step queued for each of %d shards (an account in a region)", runId,
                planned.path("queuedShards").size());
        if (!workers.awaitIdle(Duration.ofMinutes(3))) {
            throw new IllegalStateException("the shard workers did not finish within 3 minutes; their log is in "
                    + logFile);
        }
        runLines(getJson("/enforcements/" + runId)).forEach(line -> detail("%s", line));

        step("After the sweep");
        List<JsonNode> emitted = tap.drain();
        out.print(fleetTable(listPools(), outcomes(emitted)).render("    "));
        out.println();
        out.print(eventTable(emitted).render("    "));

        drift();
        streams();
        step("Done. Stopping every process the demo started.");
    }

    /**
     * An outsider in the media account raises a pool's retention in a region other than the
     * stack's; the member's rule forwards the aws.chime Updated event, which brings the enforcer back.
     */
    private void drift() throws IOException, InterruptedException {
        String arn = chime.poolArn(MEDIA, DRIFT_REGION, DRIFTING_POOL);
        step("Drift: someone in account %s raises %s (%s) to 5000 h with UpdateMediaPipelineKinesisVideoStreamPool",
                MEDIA, DRIFTING_POOL, DRIFT_REGION);
        Instant changedAt = Instant.now();
        try (ChimeSdkMediaPipelinesClient outsider = ChimeSdkMediaPipelinesClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(DRIFT_REGION))
                // a 12-digit access key is that account, in the emulator
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MEDIA, "x")))
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
        updated.put("account", MEDIA).put("region", DRIFT_REGION);
        step("Delivering the aws.chime Updated event, as member.yaml's rule forwards it to the stack's bus, to "
                + "RetentionEnforcerFunction");
        invokeEnforcer(JSON.writeValueAsBytes(updated));
        detail("%s is back at %d h", DRIFTING_POOL, retentionOf(DRIFTING_POOL));
        out.print(eventTable(tap.drain()).render("    "));

        step("Minutes later, CloudTrail's record of that Update (%s, forwarded by member.yaml's rule) to "
                + "RetentionEnforcerFunction", events.resolve("cloudtrail-update-pool.json").getFileName());
        invokeEnforcer(JSON.writeValueAsBytes(cloudTrailRecord(arn, changedAt)));
        out.print(eventTable(tap.drain()).render("    "));

        step("The fleet's compliance, from the guard's state alone: GET /compliance");
        JsonNode compliance = getJson("/compliance");
        TextTable summary = new TextTable("ACCOUNT", "REGION", "RULE", "COUNTS");
        compliance.path("groups").forEach(g -> summary.row(g.path("account").asText(), g.path("region").asText(),
                g.path("rule").asText("-"), counts(((ObjectNode) g.deepCopy()).without(List.of("account", "region", "rule")))));
        out.print(summary.render("    "));
        detail("%d pools: %s (Accept: text/csv gives one row per pool)", compliance.path("pools").asInt(),
                counts(compliance.path("totals")));
    }

    /**
     * The audio is in the pools' streams: the stream the sweep's update of a pool did not reach is
     * corrected when AWS's Updated event comes; a stream an outsider lowers directly is corrected when
     * CloudTrail's record of the call comes, its actor named.
     */
    private void streams() throws IOException, InterruptedException {
        awaitActive(MISSED_POOL);
        step("The pools' streams, where their audio is: %s's update did not reach one of them", MISSED_POOL);
        out.print(streamTable(MISSED_POOL).render("    "));
        step("AWS's Updated event for %s (its update ended) to RetentionEnforcerFunction: the pool is read, then "
                + "its streams", MISSED_POOL);
        ObjectNode updated = (ObjectNode) JSON.readTree(events.resolve("pool-updated.json").toFile());
        ((ObjectNode) updated.get("detail")).put("poolArn", chime.poolArn(LocalAwsServices.REGION, MISSED_POOL))
                .put("timestamp", Instant.now().toEpochMilli());
        updated.put("time", Instant.now().toString());
        invokeEnforcer(JSON.writeValueAsBytes(updated));
        out.print(eventTable(tap.drain()).render("    "));
        out.print(streamTable(MISSED_POOL).render("    "));

        EmulatedStream stream = streamsOf(LOWERED_POOL).getFirst();
        step("Someone in account %s lowers %s of %s to 12 h with Kinesis Video Streams' UpdateDataRetention "
                + "(deleting its older audio at once)", MEDIA, stream.name(), LOWERED_POOL);
        try (KinesisVideoClient outsider = KinesisVideoClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(LocalAwsServices.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MEDIA, "x")))
                .endpointOverride(chime.endpoint())
                .build()) {
            outsider.updateDataRetention(r -> r.streamARN(stream.arn()).currentVersion(stream.version())
                    .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                    .dataRetentionChangeInHours(stream.dataRetentionInHours() - 12));
        }
        step("CloudTrail's record of that call (%s, forwarded by member.yaml's rule) to RetentionEnforcerFunction",
                events.resolve("cloudtrail-stream-update-retention.json").getFileName());
        invokeEnforcer(JSON.writeValueAsBytes(streamRecord(stream)));
        out.print(eventTable(tap.drain()).render("    "));
        out.print(streamTable(LOWERED_POOL).render("    "));
    }

    /** CloudTrail's record of the outsider's UpdateDataRetention, in the shape of the sample. */
    private ObjectNode streamRecord(EmulatedStream stream) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(events.resolve("cloudtrail-stream-update-retention.json")
                .toFile());
        record.put("id", UUID.randomUUID().toString()).put("account", MEDIA)
                .put("region", LocalAwsServices.REGION).put("time", Instant.now().toString());
        ObjectNode detail = (ObjectNode) record.get("detail");
        detail.put("eventTime", Instant.now().toString()).put("awsRegion", LocalAwsServices.REGION)
                .put("recipientAccountId", MEDIA);
        ObjectNode identity = (ObjectNode) detail.get("userIdentity");
        identity.put("arn", "arn:aws:sts::" + MEDIA + ":assumed-role/MediaAdmin/alex").put("accountId", MEDIA);
        ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", "arn:aws:iam::" + MEDIA
                + ":role/MediaAdmin").put("accountId", MEDIA);
        ((ObjectNode) detail.get("requestParameters")).put("streamARN", stream.arn())
                .put("dataRetentionChangeInHours", stream.dataRetentionInHours() - 12);
        return record;
    }

    /** A pool's streams as the emulator holds them, beside the pool's own retention. */
    private TextTable streamTable(String poolName) {
        EmulatedPool pool = pool(poolName);
        TextTable table = new TextTable("STREAM OF " + poolName, "RETENTION", "ITS POOL'S");
        streamsOf(poolName).forEach(s -> table.row(s.name(), s.dataRetentionInHours() + " h",
                pool.dataRetentionInHours() + " h"));
        return table;
    }

    private List<EmulatedStream> streamsOf(String poolName) {
        EmulatedPool pool = pool(poolName);
        return chime.streams().stream().filter(s -> s.poolId().filter(pool.poolId()::equals).isPresent())
                .sorted(Comparator.comparing(EmulatedStream::name)).toList();
    }

    /** CloudTrail's record of the outsider's Update, in the shape of events/cloudtrail-update-pool.json. */
    private ObjectNode cloudTrailRecord(String arn, Instant at) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(events.resolve("cloudtrail-update-pool.json").toFile());
        record.put("account", MEDIA).put("region", DRIFT_REGION).put("time", Instant.now().toString());
        ObjectNode detail = (ObjectNode) record.get("detail");
        detail.put("eventTime", at.toString()).put("awsRegion", DRIFT_REGION).put("recipientAccountId", MEDIA);
        ObjectNode identity = (ObjectNode) detail.get("userIdentity");
        identity.put("arn", "arn:aws:sts::" + MEDIA + ":assumed-role/MediaAdmin/alex").put("accountId", MEDIA);
        ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", "arn:aws:iam::" + MEDIA
                + ":role/MediaAdmin").put("accountId", MEDIA);
        ((ObjectNode) detail.get("requestParameters")).put("identifier", DRIFTING_POOL);
        ((ObjectNode) detail.at("/responseElements/KinesisVideoStreamPoolConfiguration")).put("PoolArn", arn)
                .put("PoolName", DRIFTING_POOL);
        return record;
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

    /**
     * Every pool, account by account, page after page, as GET /pools?account= judges it; an account
     * whose pools cannot be listed is one row saying why.
     */
    private List<JsonNode> listPools() throws IOException, InterruptedException {
        List<JsonNode> pools = new ArrayList<>();
        for (String account : List.of(chime.accountId(), MEDIA, RESEARCH)) {
            String token = null;
            do {
                URI page = api.endpoint().resolve("/pools?limit=100&account=" + account
                        + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(60))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(response.body());
                if (response.statusCode() != 200) {
                    pools.add(JSON.createObjectNode().put("account", account).put("unlisted",
                            response.statusCode() + " " + body.at("/error/code").asText()));
                    break;
                }
                body.path("pools").forEach(pools::add);
                token = body.path("nextToken").isTextual() ? body.path("nextToken").asText() : null;
            } while (token != null);
        }
        return pools;
    }

    /** What the run did to each pool, by ARN, as its events say: enforced from and to, or the violation's reason. */
    private static Map<String, String> outcomes(List<JsonNode> events) {
        Map<String, String> outcomes = new HashMap<>();
        for (JsonNode e : events) {
            JsonNode detail = e.path("detail");
            switch (e.path("detail-type").asText()) {
                case "Pool Retention Enforced" -> outcomes.put(detail.at("/pool/arn").asText(), "ENFORCED "
                        + detail.path("fromHours").asText() + " -> " + detail.path("toHours").asText() + " h");
                case "Pool Retention Violation" -> outcomes.put(detail.at("/pool/arn").asText(),
                        detail.path("reason").asText());
                default -> { }
            }
        }
        return outcomes;
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.endpoint().resolve(path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        answers.put(path, answer);
        return answer;
    }

    private static TextTable fleetTable(List<JsonNode> pools, Map<String, String> outcomes) {
        TextTable table = new TextTable("ACCOUNT", "REGION", "POOL", "STATUS", "RETENTION", "RULE", "VERDICT",
                outcomes == null ? "WOULD SET" : "THIS RUN");
        for (JsonNode item : pools) {
            if (item.has("unlisted")) {
                table.row(item.path("account").asText(), "*", "(not listed: " + item.path("unlisted").asText() + ")",
                        null, null, null, null, null);
                continue;
            }
            JsonNode pool = item.path("pool");
            JsonNode compliance = item.path("compliance");
            String arn = pool.path("poolArn").asText();
            String last = outcomes == null ? hours(compliance.path("enforcementWouldSet"))
                    : outcomes.getOrDefault(arn, "nothing to do");
            table.row(arn.split(":")[4], arn.split(":")[3], pool.path("poolName").asText(),
                    pool.path("poolStatus").asText(),
                    hours(pool.path("streamConfiguration").path("dataRetentionInHours")),
                    compliance.path("rule").isNull() ? null : compliance.path("rule").asText(),
                    compliance.path("verdict").asText(), last);
        }
        return table;
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

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/KvsPoolGuardMember";
    }

    private static String what(JsonNode d) {
        if (d.has("reason") && d.has("account") && !d.has("pool")) {
            return "shard " + d.path("account").asText() + "/" + d.path("region").asText() + ": "
                    + d.path("reason").asText();
        }
        if (d.has("change")) {
            return d.path("change").asText() + " " + d.path("status").asText();
        }
        if (d.has("counts")) {
            return d.path("pools").asText() + " pools: " + counts(d.path("counts"));
        }
        if (d.has("stream")) {
            return d.at("/stream/name").asText().replaceFirst("^ChimeMediaPipelines-", "…").replaceFirst(
                    "-[0-9a-f]{8}-[0-9a-f-]{27}(-[0-9]+)$", "…$1") + ": " + d.path("fromHours").asText() + " -> "
                    + d.path("toHours").asText() + " h, " + d.path("action").asText()
                    + (d.has("actor") ? ", by " + d.at("/actor/principal").asText() : "");
        }
        if (d.has("driftEventId")) {
            return "the drift to " + d.path("retentionHours").asText() + " h was " + d.at("/actor/principal").asText()
                    + ", from " + d.at("/actor/sourceIpAddress").asText();
        }
        if (d.has("previousRetentionHours")) {
            return d.path("previousRetentionHours").asText() + " -> " + d.path("retentionHours").asText() + " h"
                    + (d.has("actor") ? ", by " + d.at("/actor/principal").asText() : "");
        }
        String text = d.path("fromHours").asText() + " -> " + d.path("toHours").asText() + " h, rule "
                + d.path("rule").asText();
        return d.has("reason") ? text + ", " + d.path("reason").asText() : text;
    }

    /** {"compliant":3,"enforced":1,"failed":0} as "3 compliant, 1 enforced". */
    /**
     * A run record as GET /enforcements/{runId} answers it (docs/openapi.yaml's RunRecord: its
     * shards under {@code shards.total}, {@code shards.done} and {@code shards.failed}): how it
     * ended, then each failed shard with why. A run some of whose shards failed does not read as a
     * clean one.
     */
    static List<String> runLines(JsonNode run) {
        JsonNode shards = run.path("shards");
        JsonNode failed = shards.path("failed");
        List<String> lines = new ArrayList<>();
        lines.add(String.format("run %s %s%s by the shard workers: %s (shards: %d done, %d failed, of %d)",
                run.path("runId").asText(), run.path("status").asText(),
                failed.isEmpty() ? "" : " with " + failed.size() + " failed shard" + (failed.size() == 1 ? "" : "s"),
                counts(run.path("counts")), shards.path("done").asInt(), failed.size(), shards.path("total").asInt()));
        failed.forEach(f -> lines.add(String.format("shard %s/%s failed: %s", f.path("account").asText(),
                f.path("region").asText(), f.path("reason").asText())));
        return lines;
    }

    /** What GET {@code path} answered, as the demo printed it (the last answer for each path). */
    JsonNode answered(String path) {
        return answers.get(path);
    }

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
