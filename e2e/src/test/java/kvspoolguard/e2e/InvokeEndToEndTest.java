package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void schedule_printsThePlannersSummaryOnStdout_andTheReportWithInitDurationOnStderr() {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active("invoked", 2400));

        int status = invoke("RetentionEnforcerFunction", "schedule.json");

        assertThat(status).as(text(err)).isZero();
        // make invoke runs one function: the planner queues the sweep's steps (make stack runs the workers too)
        assertThat(BuiltStack.json(out.toByteArray()).path("queuedShards")).extracting(JsonNode::asText)
                .containsExactly("123456789012/us-east-1");
        // AWS's Runtime Interface Emulator ran it: its own log lines, and Lambda's
        assertThat(text(err)).containsPattern("REPORT RequestId: \\S+\tInit Duration: [0-9.]+ ms\tDuration: ")
                .contains("START RequestId:", "END RequestId:", "(rapid) INIT REPORT(durationMs: ", "(rapid) exec '");
        assertThat(text(out)).doesNotContain("REPORT", "START");
    }

    /**
     * What `make invoke` prints between START and END, but AWS's RIE's own "(rapid)" lines: one JSON
     * object per line, an EMF record or a log line with the fields docs/operations.md queries on.
     */
    @Test
    void everyLineAFunctionLogs_isOneJsonObject_withTheFieldsTheQueriesUse() {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active("logged", 2400));
        assertThat(invoke("RetentionEnforcerFunction", "schedule.json")).as(text(err)).isZero();
        List<JsonNode> enforcer = loggedBetweenStartAndEnd();
        // the sample asks for a pool this fleet lacks: the API answers 404 and logs the upstream's NotFound
        assertThat(invoke("PoolApiFunction", "api-get-pool.json")).as(text(err)).isZero();
        List<JsonNode> api = loggedBetweenStartAndEnd();

        for (List<JsonNode> lines : List.of(enforcer, api)) {
            assertThat(lines).anyMatch(l -> l.has("_aws") || l.has("level"));
            for (JsonNode line : lines) {
                if (line.has("_aws")) {
                    continue; // an EMF record of the metrics
                }
                assertThat(line.fieldNames()).toIterable().as(line.toString()).contains("level", "message",
                        "timestamp", "service", "function_name", "cold_start", "function_request_id",
                        "correlation_id", "account", "region");
            }
        }
        JsonNode summary = enforcer.stream().filter(l -> l.path("message").asText().equals("trigger summary"))
                .findFirst().orElseThrow();
        assertThat(summary.path("correlation_id").asText()).isEqualTo(summary.path("runId").asText())
                .isEqualTo(runOf(BuiltStack.json(BuiltStack.sample("schedule.json", null))));
        assertThat(summary.path("queuedShards")).as("the summary's fields are fields").hasSize(1);
        assertThat(summary.path("service").asText()).startsWith("kvs-pool-guard-");
        assertThat(text(err)).doesNotContain("SLF4J");
    }

    /** A scheduled sweep's run, as docs/events.md says to compute it: a name-based UUID of {@code <schedule>@<time>}. */
    private static String runOf(JsonNode schedule) {
        return java.util.UUID.nameUUIDFromBytes((schedule.path("resources").get(0).asText() + "@"
                + schedule.path("time").asText()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The lines of the last invocation between START and END, but RIE's own, each parsed: none may fail to parse. */
    private List<JsonNode> loggedBetweenStartAndEnd() {
        String all = text(err);
        String between = all.substring(all.indexOf("START RequestId:"), all.indexOf("END RequestId:"));
        return between.lines().skip(1).filter(l -> !l.contains("] (rapid) ")).filter(l -> !l.isBlank())
                .map(l -> BuiltStack.json(l.getBytes(StandardCharsets.UTF_8))).toList();
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
