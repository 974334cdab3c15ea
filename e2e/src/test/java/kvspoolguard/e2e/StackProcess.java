package kvspoolguard.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code make stack}'s runner in a JVM of its own, over the sam-built functions, as the Makefile starts it. */
final class StackProcess {

    private StackProcess() {
    }

    /** The runner's command, with {@code more} arguments after the ones every stack takes. */
    static ProcessBuilder command(String... more) {
        Path root = BuiltStack.ROOT;
        List<String> command = Stream.concat(Stream.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "kvspoolguard.local.lambda.StackMain",
                "--spec", System.getProperty("kvspoolguard.spec"), "--port", "0",
                "--env", root.resolve("local/lambda.env").toString(),
                "--runtime", System.getProperty("kvspoolguard.lambdaRuntime")), Stream.of(more)).toList();
        return new ProcessBuilder(command);
    }

    /** What the runner printed until it served (its schedule's line, the last it prints), for at most two minutes. */
    static List<String> untilServing(Process stack) throws IOException {
        List<String> output = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        Instant giveUp = Instant.now().plusSeconds(120);
        String line;
        while ((line = lines.readLine()) != null && Instant.now().isBefore(giveUp)) {
            output.add(line);
            if (line.contains("schedule Sweep")) {
                break;
            }
        }
        return output;
    }

    /** Stops the runner as Ctrl-C would, and forcibly if it has not stopped within 30 seconds. */
    static void stop(Process stack) throws InterruptedException, IOException {
        if (stack.isAlive()) {
            stack.destroy();
            if (!stack.waitFor(30, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
        stack.getInputStream().close();
    }
}
