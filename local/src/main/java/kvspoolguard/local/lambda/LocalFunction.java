package kvspoolguard.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One warm execution environment of a function, the way Lambda runs a java25 function: a JVM
 * started with Lambda's options, AWS's runtime interface client as its main class, the built
 * artifact as the task root, polling our {@link RuntimeApi}.
 *
 * <p>Invocations are serialised: one at a time, like one Lambda execution environment. The JVM
 * starts on the first invocation (its init is reported as Init Duration) and stays warm; a
 * timeout or crash ends it, and the next invocation starts a new one, as Lambda would.
 */
public final class LocalFunction implements AutoCloseable {

    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration INIT_LIMIT = Duration.ofMinutes(5);

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final List<Path> runtimeJars;
    private final Consumer<String> log;

    private Process process;
    private RuntimeApi api;
    private long startedNanos;
    /** Start of the JVM to the runtime's first poll, once the current runtime has polled. */
    private volatile Double initDurationMs;

    private LocalFunction(FunctionSpec spec, Map<String, String> environment, List<Path> runtimeJars,
                          Consumer<String> log) {
        this.spec = spec;
        this.environment = environment;
        this.runtimeJars = runtimeJars;
        this.log = log;
    }

    /**
     * @param environment the function's variables (see {@link FunctionEnvironment})
     * @param runtimeDir folder holding the runtime interface client and its jars
     * @param log receives every line the function writes, and START, END and REPORT lines
     */
    public static LocalFunction of(FunctionSpec spec, Map<String, String> environment, Path runtimeDir,
                                   Consumer<String> log) {
        spec.requireRunnable();
        List<Path> jars;
        try (Stream<Path> files = Files.list(runtimeDir)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("no Lambda runtime jars in " + runtimeDir + ": " + e.getMessage(), e);
        }
        if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalArgumentException("the runtime interface client is not in " + runtimeDir
                    + " (build the local module: ./mvnw -pl local package)");
        }
        return new LocalFunction(spec, environment, jars, log);
    }

    public String name() {
        return spec.name();
    }

    /** Invokes the function once with {@code event} and waits for its answer, its timeout, or its end. */
    public synchronized Invocation invoke(byte[] event) {
        boolean cold = process == null || !process.isAlive();
        if (cold) {
            startRuntime();
        }
        String requestId = UUID.randomUUID().toString();
        log.accept("START RequestId: " + requestId + " Version: $LATEST");
        RuntimeApi.Pending pending = api.submit(requestId, event, Duration.ofSeconds(spec.timeoutSeconds()));
        RuntimeApi.Outcome outcome = await(requestId, pending);
        Report report = report(requestId, cold, pending, System.nanoTime());
        log.accept("END RequestId: " + requestId);
        log.accept(report.line());
        return new Invocation(requestId, outcome.payload(), outcome.errorType(), report);
    }

    @Override
    public synchronized void close() {
        stopRuntime();
    }

    /**
     * Waits for the runtime to take the event (init may come first: Lambda bounds it at 10 s, this
     * at {@link #INIT_LIMIT} so that a slow machine does not fail a cold start), then for its answer
     * within the function's timeout, which like Lambda's runs from that moment. A runtime that
     * dies meanwhile has already completed the answer ({@link RuntimeApi#abandon}).
     */
    private RuntimeApi.Outcome await(String requestId, RuntimeApi.Pending pending) {
        try {
            CompletableFuture.anyOf(pending.delivered, pending.result).get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stopRuntime();
            return failure(requestId, "Sandbox.Timedout", "init did not finish within " + INIT_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            return interrupted(requestId);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: these futures never fail", e);
        }
        try {
            return pending.result.get(spec.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stopRuntime();
            return failure(requestId, "Sandbox.Timedout",
                    String.format("Task timed out after %.2f seconds", (double) spec.timeoutSeconds()));
        } catch (InterruptedException e) {
            return interrupted(requestId);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: these futures never fail", e);
        }
    }

    private RuntimeApi.Outcome interrupted(String requestId) {
        Thread.currentThread().interrupt();
        stopRuntime();
        return failure(requestId, "Runtime.Interrupted", "the invocation was interrupted");
    }

    private Report report(String requestId, boolean cold, RuntimeApi.Pending pending, long endNanos) {
        Double initMs = cold ? initDurationMs : null;
        double durationMs = pending.delivered.isDone() ? (endNanos - pending.delivered.join()) / 1e6 : 0;
        return new Report(requestId, initMs, durationMs, spec.memoryMb(), maxMemoryUsedMb());
    }

    /** The JVM's peak resident memory, as Lambda's Max Memory Used reports it. */
    private long maxMemoryUsedMb() {
        if (process == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has gone, or this is not Linux: no figure
        }
        return 0;
    }

    private void startRuntime() {
        stopRuntime();
        api = RuntimeApi.start("arn:aws:lambda:" + environment.getOrDefault("AWS_REGION", "us-east-1") + ":"
                + environment.getOrDefault("AWS_ACCOUNT_ID", "123456789012") + ":function:" + spec.name());
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        builder.environment().put("LAMBDA_TASK_ROOT", spec.codeUri().toString());
        builder.environment().put("_HANDLER", spec.handler());
        builder.environment().putIfAbsent("TZ", ":UTC");
        builder.environment().putIfAbsent("LANG", "en_US.UTF-8");
        builder.environment().putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.directory(spec.codeUri().toFile());
        startedNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new IllegalStateException("could not start the runtime of " + spec.name() + ": " + e.getMessage(), e);
        }
        Process started = process;
        RuntimeApi startedApi = api;
        long startNanos = startedNanos;
        initDurationMs = null;
        startedApi.firstPoll().thenAccept(polled -> initDurationMs = (polled - startNanos) / 1e6);
        Thread.ofVirtual().name(spec.name() + "-log").start(() -> pump(started));
        started.onExit().thenAccept(p -> startedApi.abandon(
                failure(null, "Runtime.ExitError", "Runtime exited with error: exit status " + p.exitValue())));
    }

    /** java as Lambda's java runtime starts it (options from its launcher), RIC as the main class. */
    private List<String> command() {
        long heapKb = spec.memoryMb() * 1024L * 85 / 100;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxHeapSize=" + heapKb + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        // the runtime interface client loads its JNI library, as it does in Lambda
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, runtimeJars.stream().map(Path::toString).toList()));
        command.add(MAIN);
        command.add(spec.handler());
        return command;
    }

    private void pump(Process p) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.accept(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void stopRuntime() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    private static RuntimeApi.Outcome failure(String requestId, String type, String message) {
        String text = (requestId == null ? "" : "RequestId: " + requestId + " Error: ") + message;
        String json = "{\"errorMessage\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"errorType\":\"" + type + "\"}";
        return RuntimeApi.Outcome.error(type, json.getBytes(StandardCharsets.UTF_8));
    }

    /** One invocation's answer: the payload, and Lambda's error type when the function failed. */
    public record Invocation(String requestId, byte[] payload, String errorType, Report report) {
        public boolean failed() {
            return errorType != null;
        }

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The figures of Lambda's REPORT line. Init Duration is present on a cold start only. */
    public record Report(String requestId, Double initDurationMs, double durationMs, int memorySizeMb,
                         long maxMemoryUsedMb) {
        public long billedDurationMs() {
            return (long) Math.ceil(durationMs);
        }

        public String line() {
            return "REPORT RequestId: " + requestId
                    + (initDurationMs == null ? "" : String.format("\tInit Duration: %.2f ms", initDurationMs))
                    + String.format("\tDuration: %.2f ms", durationMs)
                    + "\tBilled Duration: " + billedDurationMs() + " ms"
                    + "\tMemory Size: " + memorySizeMb + " MB"
                    + "\tMax Memory Used: " + maxMemoryUsedMb + " MB";
        }
    }
}
