package kvspoolguard.local.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import kvspoolguard.local.Loopback;

/**
 * moto's server (DynamoDB, EventBridge, SQS, SSM and more on one port), run as a child process
 * bound to 127.0.0.1 through this module's launcher, {@code moto_server.py}, which handles one
 * DynamoDB request at a time so that conditional writes are atomic, as in DynamoDB. The Python is
 * the one `make tools` pins moto into (.tools/venv); system property {@code kvspoolguard.python}
 * or variable {@code MOTO_PYTHON} may name another.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts moto on a free loopback port and waits until it answers. */
    public static MotoServer start() {
        Path python = locate();
        int port = Loopback.freePort();
        Path log;
        try {
            log = Files.createTempFile("moto-server-", ".log");
            Path launcher = launcher();
            Process process = new ProcessBuilder(python.toString(), launcher.toString(),
                    "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer moto = new MotoServer(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            moto.awaitReady(log);
            return moto;
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto with " + python + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint for AWS_ENDPOINT_URL_DYNAMODB, _EVENTBRIDGE, _SQS, _SSM and _ORGANIZATIONS. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10))) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + "; its output: "
                        + readQuietly(log));
            }
            try {
                HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto server did not answer on port " + port + " within " + START_TIMEOUT);
    }

    private static Path locate() {
        String named = System.getProperty("kvspoolguard.python", System.getenv("MOTO_PYTHON"));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/venv/bin/python");
            if (Files.isExecutable(candidate) && Files.isExecutable(dir.resolve(".tools/venv/bin/moto_server"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("moto not found in .tools/venv of this checkout or its parents: "
                + "run `make tools` (or set MOTO_PYTHON to a Python that has moto[server])");
    }

    /** The launcher, copied out of this module's jar (or classes) so any Python can run it. */
    private static Path launcher() throws IOException {
        Path script = Files.createTempFile("moto-server-", ".py");
        script.toFile().deleteOnExit();
        try (var in = MotoServer.class.getResourceAsStream("moto_server.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_server.py is missing from " + MotoServer.class.getPackageName());
            }
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }


    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
