package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import org.junit.jupiter.api.Test;

/**
 * A sweep killed mid-way (the function's timeout ends its process) leaves nothing the next run
 * does not finish: every transition it recorded reaches the bus exactly once by id, every update it
 * made is reported once and made once.
 */
class CrashEndToEndTest {

    private static final int POOLS = 40;
    private static final int TIMEOUT_SECONDS = 4;

    private final BuiltStack stack = BuiltStack.get();

    @Test
    void sweepKilledByItsTimeout_theNextSweepAfterItsDeadline_finishesItsWork() throws Exception {
        stack.chime.reset();
        stack.tap.drain();
        EmulatedPool[] fleet = IntStream.range(0, POOLS)
                .mapToObj(i -> EmulatedPool.active(String.format("crash-%02d", i), i % 2 == 0 ? 5000 : 168))
                .toArray(EmulatedPool[]::new);
        stack.chime.seed(fleet);
        // slow enough that the sweep cannot end within the timeout: ~40 reads and ~20 updates, 2 at a time
        stack.chime.injectFaults(FaultRule.always(null, Fault.latency(Duration.ofMillis(400))));

        Invocation killed;
        try (LocalFunction shortLived = stack.variant("RetentionEnforcerFunction", TIMEOUT_SECONDS,
                Map.of("MAX_CONCURRENCY", "2"))) {
            killed = shortLived.invoke(BuiltStack.sample("schedule.json", null));
        }
        assertThat(killed.failed()).as(killed.payloadText()).isTrue();
        assertThat(killed.payloadText()).contains("timed out");
        // the dead run's deadline passes, and so do the 400 ms of an Update it sent just before it was
        // killed: the emulator applies and counts such a request after its latency
        Thread.sleep(Duration.ofSeconds(TIMEOUT_SECONDS + 1));
        long updatedByTheDeadRun = stack.chime.count(Operation.UPDATE_POOL).calls();
        assertThat(updatedByTheDeadRun).as("the run died mid-sweep").isBetween(1L, (long) POOLS / 2 - 1);
        assertThat(stack.tap.drain()).as("nothing published before it died").isEmpty();

        stack.chime.clearFaults();
        Invocation next = stack.enforcer.invoke(nextSchedule());
        assertThat(next.failed()).as(next.payloadText()).isFalse();

        List<JsonNode> events = stack.tap.drain();
        Map<String, Long> perType = events.stream().filter(e -> !e.path("resources").isEmpty())
                .collect(Collectors.groupingBy(e -> e.path("detail-type").asText(), Collectors.counting()));
        assertThat(perType).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Pool Status Changed", (long) POOLS, "Pool Retention Enforced", (long) POOLS / 2));
        assertThat(events).extracting(e -> e.at("/detail/eventId").asText()).doesNotHaveDuplicates();
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).as("each update made once")
                .isEqualTo(POOLS / 2);
        assertThat(stack.chime.pools()).allSatisfy(p -> assertThat(p.dataRetentionInHours()).isLessThanOrEqualTo(720));
        long reportedForTheDeadRun = events.stream()
                .filter(e -> e.path("detail-type").asText().equals("Pool Retention Enforced"))
                .filter(e -> e.at("/detail/runId").asText().equals(killedRunId())).count();
        assertThat(reportedForTheDeadRun).as("the dead run's updates, reported under its run id")
                .isEqualTo(updatedByTheDeadRun);
    }

    private static String killedRunId() {
        return BuiltStack.json(BuiltStack.sample("schedule.json", null)).path("id").asText();
    }

    /** The schedule's next firing: another event id, so another run id. */
    private static byte[] nextSchedule() throws Exception {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) BuiltStack.json(
                BuiltStack.sample("schedule.json", null));
        event.put("id", "next-" + event.path("id").asText());
        return BuiltStack.JSON.writeValueAsBytes(event);
    }
}
