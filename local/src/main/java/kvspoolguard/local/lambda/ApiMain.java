package kvspoolguard.local.lambda;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make api PORT=3000}: serves the template's HTTP API routes on 127.0.0.1 until Ctrl-C,
 * each function in one warm RIE process, invocations to it one at a time, with the local AWS
 * services it needs ({@link OnDemandServices}). Function logs go to
 * stderr. {@code API_PRINCIPAL_ARN} names the IAM caller the API reports (see {@link HttpApiGateway}).
 */
public final class ApiMain {

    private static final List<String> OPTIONS = List.of("--spec", "--port", "--env", "--runtime");

    private ApiMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, LocalFunction> warm = new ConcurrentHashMap<>();
        OnDemandServices services = null;
        HttpApiGateway gateway;
        try {
            CliOptions options = new CliOptions(args, OPTIONS);
            LocalSpec spec = LocalSpec.read(options.existingFile("--spec"));
            if (spec.routes().isEmpty()) {
                throw new IllegalArgumentException("the template has no HTTP API routes");
            }
            Map<String, String> defaults = options.get("--env", null) == null ? Map.of()
                    : FunctionEnvironment.readDefaults(options.existingFile("--env"));
            Path runtime = Path.of(options.required("--runtime"));
            services = OnDemandServices.start(System.getenv(),
                    spec.routes().stream().map(r -> spec.function(r.function())).toList(), spec.queues().values(),
                    System.out::println);
            Map<String, String> caller = services.callerWithEndpoints(System.getenv());
            // every route's function is checked now, so a broken build fails here, not on a request;
            // none starts a JVM before its first request
            for (HttpRoute route : spec.routes()) {
                warm.computeIfAbsent(route.function(), name -> {
                    FunctionSpec function = spec.function(name);
                    return LocalFunction.of(function, FunctionEnvironment.resolve(function, defaults, caller), runtime,
                            System.err::println);
                });
            }
            String principal = caller.getOrDefault("API_PRINCIPAL_ARN", HttpApiGateway.Caller.DEFAULT.principalArn());
            gateway = HttpApiGateway.start(spec.routes(), warm::get, options.port("--port", 3000),
                    new HttpApiGateway.Caller(principal));
            System.out.println("Serving the HTTP API on " + gateway.endpoint() + " (Ctrl-C to stop), caller " + principal);
            spec.routes().forEach(r -> System.out.printf("  %-36s -> %s%n", r.routeKey(), r.function()));
            System.out.flush();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("api: " + e.getMessage());
            warm.values().forEach(LocalFunction::close);
            if (services != null) {
                services.close();
            }
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        HttpApiGateway serving = gateway;
        OnDemandServices started = services;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            serving.close();
            warm.values().forEach(LocalFunction::close);
            started.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
