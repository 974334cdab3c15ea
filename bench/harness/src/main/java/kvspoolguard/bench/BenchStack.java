package kvspoolguard.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.lambda.FunctionEnvironment;
import kvspoolguard.local.lambda.FunctionSpec;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalSpec;

/**
 * What every benchmark runs on: the Chime emulator in this JVM and moto, the
 * sam-built functions and the baselines each in its own RIE process and JVM. Every
 * function's log goes to one file, so that a surprising figure can be explained.
 */
final class BenchStack implements AutoCloseable {

    static final String ENFORCER = "RetentionEnforcerFunction";
    static final String POOL_API = "PoolApiFunction";
    static final String WORKER = "ShardWorkerFunction";

    final ChimePoolEmulator chime;
    private final Map<String, LocalAwsServices.EventTap> taps = new java.util.concurrent.ConcurrentHashMap<>();
    final LocalAwsServices aws;
    final LocalSpec spec;
    private final Path runtime;
    private final Path baseline;
    private final PrintWriter log;

    BenchStack(Path specFile, Path runtime, Path baseline, Path logFile) {
        this.spec = LocalSpec.read(specFile);
        this.runtime = runtime;
        this.baseline = baseline;
        if (!Files.isDirectory(baseline.resolve("lib"))) {
            throw new IllegalArgumentException("no baseline artifact at " + baseline + " (./mvnw -Pbench -pl bench/baseline package)");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            this.log = new PrintWriter(Files.newBufferedWriter(logFile), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.chime = ChimePoolEmulator.builder().port(0).transitionDelay(Duration.ZERO).build().start();
        this.aws = LocalAwsServices.start();
    }

    /** A fresh state table, event bus (its events counted only after {@link #countEvents}) and shard queue. */
    Map<String, String> freshResources() {
        String bus = "bench-bus-" + UUID.randomUUID();
        aws.createEventBus(bus);
        return resources(bus);
    }

    /** From now on, the events published on the bus of {@code resources} are counted (see {@link #published}). */
    void countEvents(Map<String, String> resources) {
        String bus = resources.get("EVENT_BUS_NAME");
        taps.put(bus, aws.tap(bus, "bench"));
    }

    private Map<String, String> resources(String bus) {
        Map<String, String> env = new HashMap<>(aws.endpointVariables());
        env.put("SHARD_QUEUE_URL", aws.newShardQueue("bench-steps", 900));
        env.put("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", chime.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_KINESIS_VIDEO", chime.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_STS", chime.endpoint().toString());
        env.put("STATE_TABLE_NAME", aws.newStateTable("bench-state"));
        env.put("EVENT_BUS_NAME", bus);
        return env;
    }

    /** The events published on the bus of {@code resources} since it was counted or the last call. */
    long published(Map<String, String> resources) {
        return taps.get(resources.get("EVENT_BUS_NAME")).drain().size();
    }

    /** A sam-built function as the template configures it, {@code overrides} applied last. */
    LocalFunction function(String name, Map<String, String> resources, Map<String, String> overrides) {
        return function(name, spec.function(name).timeoutSeconds(), resources, overrides);
    }

    /** As {@link #function(String, Map, Map)}, built elsewhere: its code in {@code codeUri}. */
    LocalFunction function(String name, Path codeUri, Map<String, String> resources, Map<String, String> overrides) {
        FunctionSpec f = spec.function(name);
        FunctionSpec function = new FunctionSpec(f.name(), f.handler(), f.runtime(), f.memoryMb(), f.timeoutSeconds(),
                codeUri, f.templateVariables(), f.environment());
        Map<String, String> env = FunctionEnvironment.resolve(function, resources, Map.of());
        env.putAll(overrides);
        return LocalFunction.of(function, env, runtime, line -> log.println(name + " | " + line));
    }

    /** As {@link #function(String, Map, Map)}, with a timeout of its own. */
    LocalFunction function(String name, int timeoutSeconds, Map<String, String> resources, Map<String, String> overrides) {
        FunctionSpec f = spec.function(name);
        FunctionSpec function = new FunctionSpec(f.name(), f.handler(), f.runtime(), f.memoryMb(), timeoutSeconds,
                f.codeUri(), f.templateVariables(), f.environment());
        Map<String, String> env = FunctionEnvironment.resolve(function, resources, Map.of());
        env.putAll(overrides);
        return LocalFunction.of(function, env, runtime, line -> log.println(name + " | " + line));
    }

    /**
     * A baseline handler packaged like the functions, with the enforcer's memory, timeout and
     * Lambda variables, and {@code overrides}.
     */
    LocalFunction baseline(String handler, Map<String, String> resources, Map<String, String> overrides) {
        FunctionSpec enforcer = spec.function(ENFORCER);
        Map<String, String> env = new HashMap<>();
        enforcer.environment().forEach((k, v) -> {
            if (!enforcer.templateVariables().contains(k)) {
                env.put(k, v); // Lambda's own variables (AWS_LAMBDA_FUNCTION_NAME, memory, ...)
            }
        });
        String name = "Baseline" + handler.substring(handler.lastIndexOf('.') + 1);
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.putAll(resources);
        env.putAll(overrides);
        FunctionSpec spec = new FunctionSpec(name, handler, enforcer.runtime(), enforcer.memoryMb(),
                enforcer.timeoutSeconds(), baseline, Set.of(), env);
        return LocalFunction.of(spec, env, runtime, line -> log.println(name + " | " + line));
    }

    void note(String text) {
        log.println("---- " + text);
    }

    @Override
    public void close() {
        try {
            aws.close();
        } finally {
            chime.close();
            log.close();
        }
    }
}
