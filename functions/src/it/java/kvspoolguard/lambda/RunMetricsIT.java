package kvspoolguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import org.junit.jupiter.api.Test;

/**
 * The metric names the template's alarms watch, written for the problems that should raise them and
 * only those: as in a function (the suite's environment names one), Powertools writes them as
 * Embedded Metric Format lines on standard output.
 */
class RunMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Problem> RAISES = Map.of(
            "PolicyDenied", new Problem.PolicyUnreadable("access denied", true),
            "PolicyStale", new Problem.PolicyUnreadable("unreadable for 4 hours", false),
            "PolicyInvalid", new Problem.PolicyInvalid("bad document"),
            "UnrequestedRuns", new Problem.RunNotRequested("no such run"));

    @Test
    void eachProblem_raisesItsOwnMetric_andNoOther() throws Exception {
        for (Map.Entry<String, Problem> raised : RAISES.entrySet()) {
            JsonNode emf = recorded(TriggerResult.refused(new Trigger(Trigger.Kind.API, "r"), raised.getValue()));
            for (String metric : RAISES.keySet()) {
                assertThat(emf.path(metric).asDouble(-1)).as(metric + " for " + raised.getValue())
                        .isEqualTo(metric.equals(raised.getKey()) ? 1 : 0);
            }
        }
    }

    private static JsonNode recorded(TriggerResult result) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            RunMetrics.powertools().record(result);
        } finally {
            System.setOut(stdout);
        }
        return JSON.readTree(captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{\"_aws\"")).reduce((first, last) -> last).orElseThrow());
    }
}
