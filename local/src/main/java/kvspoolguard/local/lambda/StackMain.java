package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kvspoolguard.local.chime.ChimePoolEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code make stack PORT=3000}: the whole application on 127.0.0.1 until Ctrl-C, as `sam local`
 * would run it if it could: every function of the built template warm under AWS's RIE, the HTTP
 * API's routes ({@link HttpApiGateway}), each EventBridge rule's deliveries ({@link RuleRelay}: the
 * local EventBridge matches the template's pattern), each SQS event source mapping
 * ({@link QueuePoller}: its batch item failures and MaximumConcurrency honoured) and the schedule, fired by {@code make sweep}
 * ({@code POST /_stack/sweep}) or every {@code --sweep-every} seconds. The Chime API (and its STS)
 * is an emulator started here, and DynamoDB, EventBridge, SQS, SSM and Organizations are moto
 * ({@link OnDemandServices}), unless the caller's environment points the functions elsewhere.
 */
public final class StackMain {

    private static final List<String> OPTIONS = List.of("--spec", "--port", "--env", "--runtime", "--sweep-every",
            "--seed");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTROL = "/_stack/";

    private final LocalSpec spec;
    private final Map<String, LocalFunction> functions;

    private StackMain(LocalSpec spec, Map<String, LocalFunction> functions) {
        this.spec = spec;
        this.functions = functions;
    }

    public static void main(String[] args) throws InterruptedException {
        List<AutoCloseable> running = new ArrayList<>();
        try {
            start(args, running);
        } catch (IOException | RuntimeException e) {
            // one line, and everything started stopped: a stack that cannot start must not hang
            System.err.println("stack: could not start: " + e.getMessage());
            closeAll(running);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void start(String[] args, List<AutoCloseable> running) throws IOException {
        CliOptions options = new CliOptions(args, OPTIONS);
        LocalSpec spec = LocalSpec.read(options.existingFile("--spec"));
        Map<String, String> defaults = options.get("--env", null) == null ? Map.of()
                : FunctionEnvironment.readDefaults(options.existingFile("--env"));
        Path runtime = Path.of(options.required("--runtime"));
        List<String> said = new ArrayList<>();
        Map<String, String> caller = new TreeMap<>(System.getenv());
        if (!caller.containsKey("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES")) {
            ChimePoolEmulator chime = ChimePoolEmulator.builder().transitionDelay(Duration.ofSeconds(1)).build()
                    .start();
            running.add(chime);
            if (options.get("--seed", null) != null) {
                chime.seed(options.existingFile("--seed"));
            }
            caller.put("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", chime.endpoint().toString());
            caller.put("AWS_ENDPOINT_URL_KINESIS_VIDEO", chime.endpoint().toString());
            said.add(line("Chime emulator", chime.endpoint() + " (" + chime.pools().size()
                    + " pools; their streams and STS too; admin " + chime.endpoint() + "/_emulator/)"));
        }
        caller.putIfAbsent("AWS_ENDPOINT_URL_STS", caller.get("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES"));
        caller.putIfAbsent("AWS_ENDPOINT_URL_KINESIS_VIDEO", caller.get("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES"));
        OnDemandServices services = OnDemandServices.start(caller, spec.functions().values(),
                spec.queues().values(), s -> said.add(line("moto", s)));
        running.add(services);
        Map<String, String> endpoints = services.callerWithEndpoints(caller);

        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (FunctionSpec function : spec.functions().values()) {
            functions.put(function.name(), LocalFunction.of(function,
                    FunctionEnvironment.resolve(function, defaults, endpoints), runtime, System.err::println));
        }
        running.addAll(functions.values());
        StackMain stack = new StackMain(spec, functions);

        EventBridgeClient events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint(endpoints, "EVENTBRIDGE")).region(region(endpoints))
                .credentialsProvider(credentials(defaults, endpoints)).build();
        SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint(endpoints, "SQS")).region(region(endpoints))
                .credentialsProvider(credentials(defaults, endpoints)).build();
        running.add(events);
        running.add(sqs);
        for (LocalSpec.Rule rule : spec.rules()) {
            running.add(RuleRelay.start(rule, functions.get(rule.function()), events, sqs, System.err::println));
        }
        List<String> mapped = new ArrayList<>();
        for (LocalSpec.EventSourceMapping mapping : spec.eventSourceMappings()) {
            FunctionSpec function = spec.function(mapping.function());
            Map<String, String> environment = FunctionEnvironment.resolve(function, defaults, endpoints);
            String queueUrl = queueUrl(mapping.queue(), function, environment, services);
            running.add(QueuePoller.start(mapping, sqs, queueUrl, region(endpoints).id(),
                    () -> LocalFunction.of(function, environment, runtime, System.err::println), System.err::println));
            mapped.add(line("queue " + mapping.event(), queueUrl + " -> " + mapping.function() + ", "
                    + mapping.maximumConcurrency() + " at a time"));
        }

        String principal = endpoints.getOrDefault("API_PRINCIPAL_ARN", HttpApiGateway.Caller.DEFAULT.principalArn());
        HttpApiGateway gateway = HttpApiGateway.start(spec.routes(), functions::get, options.port("--port", 3000),
                new HttpApiGateway.Caller(principal), Map.of(CONTROL, stack::control));
        running.add(gateway);
        String every = options.get("--sweep-every", null);
        if (every != null) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            long seconds = Long.parseLong(every);
            timer.scheduleAtFixedRate(() -> {
                try {
                    stack.fireSchedules();
                } catch (RuntimeException e) {
                    System.err.println("stack: the schedule could not be fired: " + e.getMessage());
                }
            }, seconds, seconds, TimeUnit.SECONDS);
            running.add(timer::shutdownNow);
        }

        System.out.println("kvs-pool-guard stack (Ctrl-C to stop):");
        System.out.println(line("HTTP API", gateway.endpoint() + " (caller " + principal + ")"));
        spec.routes().forEach(r -> System.out.println(line("", r.routeKey() + " -> " + r.function())));
        said.forEach(System.out::println);
        spec.rules().forEach(r -> System.out.println(line("rule " + r.event(), "bus " + r.bus() + " -> "
                + r.function())));
        mapped.forEach(System.out::println);
        spec.schedules().forEach(s -> System.out.println(line("schedule " + s.event(), s.expression() + " -> "
                + s.function() + ": make sweep PORT=" + gateway.endpoint().getPort()
                + (every == null ? "" : ", and every " + every + " s"))));
        System.out.flush();
    }

    /** The URL of the template's queue {@code name}: moto's started here, or the one the caller's variable names. */
    private static String queueUrl(String name, FunctionSpec function, Map<String, String> environment,
                                   OnDemandServices services) {
        if (services.queueUrl(name) != null) {
            return services.queueUrl(name);
        }
        return function.environment().entrySet().stream().filter(v -> v.getValue().equals(name))
                .map(v -> environment.get(v.getKey())).filter(url -> url.startsWith("http")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no URL for the queue " + name + ": set the variable "
                        + function.name() + " names it by"));
    }

    /** {@code POST /_stack/sweep}: fires every schedule now; answers what the functions answered. */
    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            int status;
            byte[] body;
            if (route.equals("POST " + CONTROL + "sweep")) {
                List<Object> answers = fireSchedules();
                status = 200;
                body = JSON.writeValueAsBytes(answers);
            } else {
                status = 404;
                body = JSON.writeValueAsBytes(Map.of("error", "no stack control " + route
                        + "; there is POST " + CONTROL + "sweep"));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Each schedule's event to its function, as EventBridge Scheduler sends its Input (a legacy
     * scheduled rule: EventBridge's Scheduled Event), firing now; their answers.
     */
    private List<Object> fireSchedules() {
        List<Object> answers = new ArrayList<>();
        for (LocalSpec.Schedule schedule : spec.schedules()) {
            LocalFunction function = functions.get(schedule.function());
            Map<String, String> env = spec.function(schedule.function()).environment();
            String region = env.getOrDefault("AWS_REGION", "us-east-1");
            String account = env.getOrDefault("ACCOUNT_ID", "123456789012");
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String event = schedule.input() != null ? SchedulerInput.of(schedule.input(),
                    "arn:aws:scheduler:" + region + ":" + account + ":schedule/default/stack-" + schedule.event(), now)
                    : legacyScheduledEvent(schedule, region, account, now);
            LocalFunction.Invocation run = function.invoke(event.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("schedule", schedule.event());
            answer.put("function", schedule.function());
            answer.put("failed", run.failed());
            answer.put("answer", parse(run.payloadText()));
            answers.add(answer);
        }
        return answers;
    }

    private static String legacyScheduledEvent(LocalSpec.Schedule schedule, String region, String account,
                                               String now) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", account)
                .put("time", now).put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/stack-" + schedule.event());
        event.putObject("detail");
        return event.toString();
    }

    private static Object parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return text;
        }
    }

    private static URI endpoint(Map<String, String> env, String service) {
        String value = env.getOrDefault("AWS_ENDPOINT_URL_" + service, env.get("AWS_ENDPOINT_URL"));
        if (value == null) {
            throw new IllegalStateException("no endpoint for " + service + ": set AWS_ENDPOINT_URL_" + service);
        }
        return URI.create(value);
    }

    private static Region region(Map<String, String> env) {
        return Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
    }

    private static StaticCredentialsProvider credentials(Map<String, String> defaults, Map<String, String> env) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                env.getOrDefault("AWS_ACCESS_KEY_ID", defaults.getOrDefault("AWS_ACCESS_KEY_ID", "local")),
                env.getOrDefault("AWS_SECRET_ACCESS_KEY", defaults.getOrDefault("AWS_SECRET_ACCESS_KEY", "local"))));
    }

    private static String line(String part, String where) {
        return String.format("  %-28s %s", part, where);
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("stack: stopping: " + e.getMessage());
            }
        }
    }
}
