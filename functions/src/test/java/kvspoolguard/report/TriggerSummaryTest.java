package kvspoolguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import org.junit.jupiter.api.Test;

class TriggerSummaryTest {

    private static PoolOutcome outcome(int i, PoolOutcome.Kind kind) {
        PoolRef ref = PoolRef.fromArn("arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p" + i);
        return PoolOutcome.of(ref, kind, Verdict.Change.builder().fromHours(9000).toHours(720).rule("default")
                .bounds(Bounds.between(24, 720)).build());
    }

    @Test
    void of_aLargeFleet_listsOnlyPoolsThatNeededSomething_andAtMostTheLimit() {
        List<PoolOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            outcomes.add(outcome(i, i % 20 == 0 ? PoolOutcome.Kind.DEFERRED : PoolOutcome.Kind.COMPLIANT));
        }
        for (int i = 0; i < 300; i++) {
            outcomes.add(outcome(10_000 + i, PoolOutcome.Kind.ENFORCED));
        }
        RunReport report = RunReport.builder("r", Instant.EPOCH).policySource("defaults").policyVersion("defaults").updateCap(1000)
                .outcomes(outcomes).build();

        JsonNode summary = TriggerSummary.of(TriggerResult.builder(new Trigger(Trigger.Kind.SCHEDULE, "r"))
                .report(report).build());

        assertThat(summary.path("counts").path("COMPLIANT").asInt()).isEqualTo(9_500);
        assertThat(summary.path("outcomes")).hasSize(TriggerSummary.MAX_OUTCOMES);
        assertThat(summary.path("outcomesOmitted").asInt()).isEqualTo(500 + 300 - TriggerSummary.MAX_OUTCOMES);
        assertThat(summary.path("outcomes").get(0).path("outcome").asText()).isEqualTo("DEFERRED");
        assertThat(summary.toString().length()).isLessThan(256 * 1024);
    }
}
