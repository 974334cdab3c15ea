package kvspoolguard.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Functions for LocalFunctionTest, loaded by the runtime interface client from test-classes. */
public class TestHandlers {

    public void echo(InputStream in, OutputStream out) throws IOException {
        out.write(in.readAllBytes());
    }

    public void sleep(InputStream in, OutputStream out) throws InterruptedException {
        Thread.sleep(60_000);
    }

    public void exit(InputStream in, OutputStream out) {
        System.exit(3);
    }

    /** Kills the emulator that runs it, so that the invocation gets no answer at all. */
    public void killEmulator(InputStream in, OutputStream out) {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Fails the first time it sees an event naming a marker file ({@code "marker": "/path"}), which it
     * then creates; answers the event after that.
     */
    public void failOnce(InputStream in, OutputStream out) throws IOException {
        byte[] event = in.readAllBytes();
        java.util.regex.Matcher marker = java.util.regex.Pattern.compile("\"marker\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(new String(event, java.nio.charset.StandardCharsets.UTF_8));
        if (marker.find() && java.nio.file.Files.notExists(java.nio.file.Path.of(marker.group(1)))) {
            java.nio.file.Files.createFile(java.nio.file.Path.of(marker.group(1)));
            throw new IllegalStateException("refused the first delivery on purpose");
        }
        out.write(event);
    }

    public void fail(InputStream in, OutputStream out) {
        throw new IllegalStateException("refused on purpose");
    }

    /**
     * An SQS consumer: each record whose body is "fail" is a batch item failure; the others take
     * half a second (so that concurrent invocations overlap). No JSON library: the runtime's class
     * path holds the test classes alone.
     */
    public void batch(InputStream in, OutputStream out) throws IOException, InterruptedException {
        String event = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher record = java.util.regex.Pattern
                .compile("\"messageId\":\"([^\"]+)\",\"receiptHandle\":\"[^\"]*\",\"body\":\"([^\"]*)\"")
                .matcher(event);
        java.util.List<String> failures = new java.util.ArrayList<>();
        while (record.find()) {
            if (record.group(2).equals("fail")) {
                failures.add("{\"itemIdentifier\":\"" + record.group(1) + "\"}");
            } else {
                Thread.sleep(500);
            }
        }
        out.write(("{\"batchItemFailures\":[" + String.join(",", failures) + "]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
