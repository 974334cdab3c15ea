package kvspoolguard.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on 127.0.0.1: the HTTP
 * interface a runtime client polls for its next event and answers. The function's runtime
 * interface client (AWS's own, unmodified) speaks to it exactly as it speaks to Lambda.
 *
 * <p>One invocation at a time, as in Lambda: {@link #submit} queues an event, the runtime takes it
 * from {@code /next} and completes it with {@code /response} or {@code /error}.
 */
final class RuntimeApi implements AutoCloseable {

    /** Lambda refuses synchronous responses above 6 MB. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern ANSWER = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Pending> inFlight = new AtomicReference<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final String functionArn;

    private volatile boolean closed;

    private RuntimeApi(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    static RuntimeApi start(String functionArn) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            RuntimeApi api = new RuntimeApi(server, functionArn);
            server.createContext("/", api::handle);
            server.setExecutor(api.executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("the Runtime API could not bind 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with System.nanoTime() of the runtime's first poll: the end of its init phase. */
    CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /**
     * Queues one event. Its deadline, {@code timeout} after the runtime takes it (as in Lambda,
     * where a cold start's init does not count), is sent as Lambda-Runtime-Deadline-Ms.
     */
    Pending submit(String requestId, byte[] event, Duration timeout) {
        Pending pending = new Pending(requestId, event, timeout);
        queue.add(pending);
        return pending;
    }

    /** The runtime exited or was stopped: whatever it was working on fails with {@code outcome}. */
    void abandon(Outcome outcome) {
        Pending current = inFlight.getAndSet(null);
        if (current != null) {
            current.result.complete(outcome);
        }
        Pending queued;
        while ((queued = queue.poll()) != null) {
            queued.result.complete(outcome);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
                return;
            }
            Matcher answer = ANSWER.matcher(path);
            if (method.equals("POST") && answer.matches()) {
                answer(exchange, answer.group(1), answer.group(2).equals("error"));
                return;
            }
            if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                abandon(Outcome.error(errorType(exchange, "Runtime.InitError"), body));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            reply(exchange, 404, "{\"errorMessage\":\"no such Runtime API path: " + method + " " + path
                    + "\",\"errorType\":\"InvalidRequest\"}");
        } catch (RuntimeException e) {
            // never leave the runtime client waiting on a connection nobody will answer
            reply(exchange, 500, "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\",\"errorType\":\"ServiceException\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            return; // shutting down: the connection closes unanswered, as when Lambda freezes
        }
        inFlight.set(pending);
        long deadline = System.currentTimeMillis() + pending.timeout.toMillis();
        pending.delivered.complete(System.nanoTime());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
        exchange.getResponseBody().write(pending.event);
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        Pending pending = inFlight.get();
        if (pending == null || !pending.requestId.equals(requestId)) {
            reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID: " + requestId
                    + "\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
        if (body == null) {
            finish(pending, Outcome.error("Function.ResponseSizeTooLarge", ("{\"errorMessage\":\"Response payload size"
                    + " exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).\","
                    + "\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8)));
            reply(exchange, 413, "{\"errorMessage\":\"payload too large\",\"errorType\":\"RequestEntityTooLarge\"}");
            return;
        }
        finish(pending, error ? Outcome.error(errorType(exchange, "Unhandled"), body) : Outcome.success(body));
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void finish(Pending pending, Outcome outcome) {
        inFlight.compareAndSet(pending, null);
        pending.result.complete(outcome);
    }

    /** An X-Ray trace header of the form Lambda passes (not sampled: nothing collects traces here). */
    private static String traceId() {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + random + ";Sampled=0";
    }

    private static String errorType(HttpExchange exchange, String fallback) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? fallback : type;
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** An event handed to the runtime, and the answer it will get. */
    static final class Pending {
        final String requestId;
        final byte[] event;
        final Duration timeout;
        /** System.nanoTime() when the runtime took the event. */
        final CompletableFuture<Long> delivered = new CompletableFuture<>();
        final CompletableFuture<Outcome> result = new CompletableFuture<>();

        private Pending(String requestId, byte[] event, Duration timeout) {
            this.requestId = requestId;
            this.event = event;
            this.timeout = timeout;
        }
    }

    /** What the runtime answered: a response, or an error with Lambda's error type. */
    record Outcome(byte[] payload, String errorType) {
        static Outcome success(byte[] payload) {
            return new Outcome(payload, null);
        }

        static Outcome error(String errorType, byte[] payload) {
            return new Outcome(payload, errorType);
        }
    }
}
