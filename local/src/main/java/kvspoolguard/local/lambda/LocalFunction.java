package kvspoolguard.local.lambda;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import kvspoolguard.local.Loopback;

/**
 * One warm execution environment of a function, run the way `sam local` runs it, without the
 * container: AWS's Runtime Interface Emulator ({@link RuntimeInterfaceEmulator}) starts a JVM with
 * Lambda's options and AWS's runtime interface client as its main class over the built artifact,
 * serves it the Runtime API, and takes the invocations. RIE initialises the runtime on the first
 * invocation, enforces the timeout (then kills the runtime, and the next invocation starts a new
 * one, as Lambda does) and reports a runtime that exits.
 *
 * <p>Invocations are serialised: one at a time, like one Lambda execution environment (RIE takes
 * no more). Everything RIE and the function write goes to the log, unchanged.
 */
public final class LocalFunction implements AutoCloseable {

    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** RIE bounds init by the function's timeout; this is only a net under a process that hangs. */
    private static final Duration INIT_LIMIT = Duration.ofMinutes(5);
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** How long RIE's log lines for an answered invocation may trail its answer. */
    private static final Duration LOG_LAG = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final List<Path> runtimeJars;
    private final Path emulator;
    private final Consumer<String> log;
    private final Map<String, CompletableFuture<Double>> reports = new ConcurrentHashMap<>();

    private Process process;
    private URI invocations;
    /** The next invocation initialises a runtime: a new RIE, or after a timeout or a crash. */
    private boolean cold = true;
    private volatile CompletableFuture<Double> init = new CompletableFuture<>();

    private LocalFunction(FunctionSpec spec, Map<String, String> environment, List<Path> runtimeJars,
                          Path emulator, Consumer<String> log) {
        this.spec = spec;
        this.environment = environment;
        this.runtimeJars = runtimeJars;
        this.emulator = emulator;
        this.log = log;
    }

    /**
     * @param environment the function's variables (see {@link FunctionEnvironment})
     * @param runtimeDir folder holding the runtime interface client and its jars
     * @param log receives every line RIE and the function write
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
        return new LocalFunction(spec, environment, jars, RuntimeInterfaceEmulator.locate(), log);
    }

    public String name() {
        return spec.name();
    }

    /** Invokes the function once with {@code event} and waits for its answer, its timeout, or its end. */
    public synchronized Invocation invoke(byte[] event) {
        if (process == null || !process.isAlive()) {
            startEmulator();
        }
        boolean coldStart = cold;
        if (coldStart) {
            init = new CompletableFuture<>();
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Double> reported = new CompletableFuture<>();
        reports.put(requestId, reported);
        long start = System.nanoTime();
        RieAnswer answer = post(requestId, event);
        double wallMs = (System.nanoTime() - start) / 1e6;
        long maxMemoryUsedMb = maxMemoryUsedMb();
        RieAnswer.Outcome outcome = answer.outcome();
        cold = outcome.endedTheRuntime();
        Double initMs = coldStart ? await(init) : null;
        // RIE writes no REPORT line for a runtime that exited
        Double reportedMs = outcome == RieAnswer.Outcome.EXITED ? null : await(reported);
        reports.remove(requestId);
        double durationMs = Math.max(0, (reportedMs == null ? wallMs : reportedMs) - (initMs == null ? 0 : initMs));
        Report report = new Report(requestId, initMs, durationMs, spec.memoryMb(), maxMemoryUsedMb);
        return new Invocation(requestId, answer.body(), answer.errorType(), report);
    }

    @Override
    public synchronized void close() {
        stopEmulator();
    }

    private RieAnswer post(String requestId, byte[] event) {
        HttpRequest request = HttpRequest.newBuilder(invocations)
                .timeout(INIT_LIMIT.plusSeconds(spec.timeoutSeconds()))
                .header("X-Amzn-RequestId", requestId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new RieAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            stopEmulator();
            return RieAnswer.none("Runtime.Unknown", "RIE gave no answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopEmulator();
            return RieAnswer.none("Runtime.Interrupted", "the invocation was interrupted");
        }
    }

    private static Double await(CompletableFuture<Double> figure) {
        try {
            return figure.get(LOG_LAG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The runtime's peak resident memory, as Lambda's Max Memory Used reports it (RIE reports the size). */
    private long maxMemoryUsedMb() {
        if (process == null) {
            return 0; // RIE gave no answer and was stopped
        }
        long peakKb = 0;
        for (ProcessHandle child : process.descendants().toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process has gone, or this is not Linux: no figure
            }
        }
        return peakKb / 1024;
    }

    private void startEmulator() {
        stopEmulator();
        int port = Loopback.freePort();
        ProcessBuilder builder = new ProcessBuilder(command(port, Loopback.freePort()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(spec.timeoutSeconds()));
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        builder.environment().put("_HANDLER", spec.handler());
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        builder.environment().putIfAbsent("TZ", ":UTC");
        builder.environment().putIfAbsent("LANG", "en_US.UTF-8");
        builder.environment().putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.directory(spec.codeUri().toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + emulator + " for " + spec.name() + ": " + e.getMessage(), e);
        }
        cold = true;
        Process started = process;
        Thread.ofVirtual().name(spec.name() + "-stdout").start(() -> pump(started.getInputStream()));
        Thread.ofVirtual().name(spec.name() + "-stderr").start(() -> pump(started.getErrorStream()));
        invocations = URI.create("http://127.0.0.1:" + port + RuntimeInterfaceEmulator.INVOCATIONS);
        awaitListening(port);
    }

    /**
     * RIE on loopback only (its default is every interface), then java as Lambda's java runtime
     * starts it (options from its launcher), the runtime interface client as the main class. RIE
     * sets LAMBDA_TASK_ROOT to its own /var/task, so the artifact goes on the classpath.
     */
    private List<String> command(int port, int runtimeApiPort) {
        long heapKb = spec.memoryMb() * 1024L * 85 / 100;
        List<String> classpath = new ArrayList<>(runtimeJars.stream().map(Path::toString).toList());
        classpath.add(spec.codeUri().toString());
        classpath.add(spec.codeUri().resolve("lib") + File.separator + "*");
        return List.of(emulator.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=" + heapKb + "k", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                // the runtime interface client loads its JNI library, as it does in Lambda, from this
                // environment's own copy: left to itself it unpacks it to /tmp/.libaws-lambda-jni.so,
                // one path for every process here, and a process starting while another rewrites it
                // dies of SIGBUS (in Lambda each environment has a /tmp of its own)
                "--enable-native-access=ALL-UNNAMED", "-D" + JNI_PROPERTY + "=" + jniLibrary(),
                "-classpath", String.join(File.pathSeparator, classpath),
                MAIN, spec.handler());
    }

    /** The runtime interface client's system property naming the JNI library it loads instead of unpacking one. */
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** This environment's copy of the runtime interface client's JNI library, unpacked from its jar. */
    private Path jniLibrary() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        Path client = runtimeJars.stream().filter(j -> j.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no runtime interface client among " + runtimeJars));
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(client.toFile())) {
            java.util.zip.ZipEntry library = jar.getEntry(entry);
            if (library == null) {
                throw new IllegalStateException(client + " holds no " + entry);
            }
            Path copy = Files.createTempFile("libaws-lambda-jni-" + spec.name() + "-", ".so");
            copy.toFile().deleteOnExit();
            try (InputStream in = jar.getInputStream(library)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("could not unpack " + entry + " from " + client + ": " + e.getMessage(), e);
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(emulator + " exited with status " + process.exitValue()
                        + " before listening (its output is in the function's log)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(20);
            }
        }
        stopEmulator();
        throw new IllegalStateException(emulator + " did not listen on 127.0.0.1:" + port + " within " + START_LIMIT);
    }

    private void pump(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.accept(line);
                read(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Takes RIE's figures from its log as they pass. */
    private void read(String line) {
        double initMs = RuntimeInterfaceEmulator.initReport(line);
        if (initMs >= 0) {
            init.complete(initMs);
            return;
        }
        if (line.startsWith("REPORT RequestId: ")) {
            reports.forEach((requestId, figure) -> {
                double ms = RuntimeInterfaceEmulator.report(line, requestId);
                if (ms >= 0) {
                    figure.complete(ms);
                }
            });
        }
    }

    private void stopEmulator() {
        if (process != null) {
            // RIE does not stop the runtime it started when it is stopped itself
            List<ProcessHandle> runtime = process.descendants().toList();
            process.destroy();
            runtime.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            runtime.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
        cold = true;
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One invocation's answer: the payload, and the error type when the function failed. */
    public record Invocation(String requestId, byte[] payload, String errorType, Report report) {
        public boolean failed() {
            return errorType != null;
        }

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * The figures of Lambda's REPORT line, from RIE's: Init Duration (a cold start only) from its
     * INIT REPORT, Duration from its REPORT less that init (Lambda counts init apart), Max Memory
     * Used from the runtime's peak resident memory.
     */
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
