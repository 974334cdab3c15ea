package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.InvokeMain;
import org.junit.jupiter.api.Test;

/**
 * `make invoke`'s command: one cold invocation of a sam-built function under AWS's Runtime
 * Interface Emulator, the response alone on stdout, the log and RIE's lines on stderr, the exit status saying how it went. The
 * caller's environment (here: the test stack's endpoints and table) overrides the template's.
 */
class InvokeEndToEndTest {

    private final BuiltStack stack = BuiltStack.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void sweep_printsTheRunSummaryOnStdout_andTheReportWithInitDurationOnStderr() {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active("invoked", 2400));

        int status = invoke("RetentionEnforcerFunction", "schedule.json");

        assertThat(status).as(text(err)).isZero();
        assertThat(BuiltStack.json(out.toByteArray()).at("/counts/ENFORCED").asInt()).isEqualTo(1);
        // AWS's Runtime Interface Emulator ran it: its own log lines, and Lambda's
        assertThat(text(err)).containsPattern("REPORT RequestId: \\S+\tInit Duration: [0-9.]+ ms\tDuration: ")
                .contains("START RequestId:", "END RequestId:", "(rapid) INIT REPORT(durationMs: ", "(rapid) exec '");
        assertThat(text(out)).doesNotContain("REPORT", "START");
        assertThat(stack.pool("invoked").dataRetentionInHours()).isEqualTo(720);
    }

    @Test
    void aFailingFunction_exits1_withItsErrorDocumentOnStdout() {
        int status = invoke("RetentionEnforcerFunction", "malformed-schedule.json");

        assertThat(status).isEqualTo(1);
        assertThat(BuiltStack.json(out.toByteArray()).path("errorType").asText()).isNotBlank();
        assertThat(text(err)).contains("the function failed");
    }

    @Test
    void anUnknownFunctionOrEvent_exits2_sayingWhich() {
        assertThat(invoke("NoSuchFunction", "schedule.json")).isEqualTo(2);
        assertThat(text(err)).contains("no function NoSuchFunction", "RetentionEnforcerFunction");
        assertThat(invoke("RetentionEnforcerFunction", "no-such-event.json")).isEqualTo(2);
        assertThat(text(err)).contains("no such file");
        assertThat(out.size()).isZero();
    }

    private int invoke(String function, String event) {
        out.reset();
        err.reset();
        return InvokeMain.run(new String[] {
            "--spec", System.getProperty("kvspoolguard.spec"), "--function", function,
            "--event", BuiltStack.ROOT.resolve("events").resolve(event).toString(),
            "--env", BuiltStack.ROOT.resolve("local/lambda.env").toString(),
            "--runtime", System.getProperty("kvspoolguard.lambdaRuntime")},
                stack.stack, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
