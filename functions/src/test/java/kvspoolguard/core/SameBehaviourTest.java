package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.json.EventJson;
import kvspoolguard.local.MutableClock;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import kvspoolguard.testing.WatchedPoolDirectory;
import org.junit.jupiter.api.Test;

/**
 * Every use case, on a fixed clock, against a golden record of the events (ids, times, details)
 * and the directory calls they make: a change of the code's shape must not change one of them.
 * After a deliberate change of behaviour, rewrite the record with
 * {@code -Dkvspoolguard.golden.write=true} and review its diff. Fields are compared in key order
 * (the detail's field order is docs/events.md's to check, see EventDocsTest).
 */
class SameBehaviourTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/use-cases.json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720),
            ExemptTag.DEFAULT);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final PoolDirectory recorded = new WatchedPoolDirectory(pools, calls::add);
    private final InMemoryShardQueue queue = new InMemoryShardQueue();
    private final Ports ports = new Ports(new Fleet(recorded, PolicySource.fixed(POLICY)),
            TestPorts.recording(new InMemoryStateStore(), bus), new Runs(new InMemoryRunLedger(), queue));
    private final RetentionGuard guard = new RetentionGuard(ports, 4, clock);
    private final GuardedPools api = new GuardedPools(new PoolVerdicts(ports.fleet(), 4, clock), ports.recording(), clock);
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private static final Caller OPERATOR = new Caller("iam", "arn:aws:iam::123456789012:role/operator");

    private RetentionChange put(String pool, int hours, Caller caller, String requestId) {
        return api.changeRetention(new RetentionRequest(PoolRef.named(Pools.HOME, pool), hours, caller),
                new Trigger(Trigger.Kind.API, requestId));
    }

    @Test
    void everyUseCase_emitsTheRecordedEventsAndMakesTheRecordedCalls() throws IOException {
        pools.add(Pools.active("long", 9000), Pools.active("fine", 48), Pools.active("short", 10),
                Pools.pool("busy", 9000, PoolStatus.UPDATING, Map.of(), "us-east-1"),
                Pools.pool("kept", 9000, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1"),
                Pools.active("throttled", 9000));
        pools.failUpdate("throttled", PoolDirectoryException.Kind.THROTTLED);
        step("sweep", () -> queue.sweep(guard.runs(), new Trigger(Trigger.Kind.SCHEDULE, "run-1"),
                new RunOptions("run-1", false, UpdateCap.NONE)));

        pools.add(Pools.active("fine", 5000)); // drifted by someone else
        step("Updated event", () -> guard.enforce(PoolRef.fromArn(Pools.active("fine", 0).arn()),
                new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-1"), new RunOptions("evt-1", false, UpdateCap.NONE)));

        step("PUT retention", () -> put("long", 100, OPERATOR, "req-1"));
        step("PUT retention, unchanged", () -> put("long", 100, OPERATOR, "req-2"));
        step("PUT retention, outside", () -> put("long", 5, OPERATOR, "req-3"));

        step("PUT retention, update throttled", () -> put("throttled", 100, new Caller("jwt", "https://issuer.example/|alice"), "req-4"));

        step("Deleted event", () -> guard.deleted(PoolRef.fromArn(Pools.active("short", 0).arn()), clock.instant(),
                new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-2")));
        step("failure event", () -> guard.failureReported(PoolRef.fromArn(Pools.active("busy", 0).arn()),
                "TemporaryFailure", new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "evt-3")));

        pools.add(Pools.active("new", 9000));
        step("dry run", () -> queue.sweep(guard.runs(), new Trigger(Trigger.Kind.API, "run-2"),
                new RunOptions("run-2", true, UpdateCap.NONE)));
        step("capped run", () -> guard.enforce(List.of(PoolRef.named(Pools.HOME, "new")),
                new Trigger(Trigger.Kind.API, "run-3"), new RunOptions("run-3", false, new UpdateCap(0, null))));

        String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(steps) + "\n";
        if (Boolean.getBoolean("kvspoolguard.golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN));
    }

    /** Runs one use case a minute after the last, and keeps its events (in id order) and its calls (sorted). */
    private void step(String name, Runnable useCase) {
        clock.advance(Duration.ofMinutes(1));
        bus.published.clear();
        calls.clear();
        useCase.run();
        List<Map<String, Object>> events = new ArrayList<>();
        bus.published.stream().sorted(java.util.Comparator.comparing(GuardEvent::eventId)).forEach(e -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("detailType", e.type().detailType());
            event.put("time", e.time().toString());
            event.put("resources", e.resources());
            event.put("detail", JSON.convertValue(EventJson.tree(e.detail()), Map.class));
            events.add(event);
        });
        List<String> sorted = new ArrayList<>(calls);
        Collections.sort(sorted);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("calls", sorted);
        step.put("events", events);
        steps.put(name, step);
    }
}
