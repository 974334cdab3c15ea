package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolRetentionEnforced;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.local.MutableClock;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.ProcessKilled;
import kvspoolguard.testing.RecordingPublisher;
import org.junit.jupiter.api.Test;

/**
 * A run killed at any point leaves nothing that the next run does not finish: each transition it
 * recorded is published by the next run that reads the pool after the dead run's deadline, under
 * the id the dead run gave it, and an update it made is reported once and never made again.
 */
class CrashSafetyTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final InMemoryShardQueue queue = new InMemoryShardQueue();
    private final RetentionGuard guard = new RetentionGuard(
            new Ports(new Fleet(pools, PolicySource.fixed(POLICY)), TestPorts.recording(state, bus),
                    new Runs(new InMemoryRunLedger(), queue)), 2, clock);

    private TriggerResult sweep(String id) {
        return queue.sweep(guard.runs(), new Trigger(Trigger.Kind.SCHEDULE, id, RUN_LIMIT),
                new RunOptions(id, false, UpdateCap.NONE));
    }

    private List<String> poolEvents() {
        return bus.published.stream().filter(e -> e.type() != EventType.ENFORCEMENT_RUN_COMPLETED)
                .map(e -> e.type().detailType() + " " + e.resources()).sorted().toList();
    }

    @Test
    void killedBeforePublishing_theNextRunAfterItsDeadline_publishesWhatItRecorded_underTheSameIds() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48));
        bus.kill = true;
        assertThatThrownBy(() -> sweep("dead")).isInstanceOf(ProcessKilled.class);
        assertThat(bus.published).isEmpty();
        List<String> left = state.outbox(pools.pool("a").arn()).stream().map(OutboxEvent::eventId).toList();

        bus.kill = false;
        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("next");

        assertThat(poolEvents()).containsExactly(
                "Pool Retention Enforced [" + pools.pool("a").arn() + "]",
                "Pool Status Changed [" + pools.pool("a").arn() + "]",
                "Pool Status Changed [" + pools.pool("b").arn() + "]");
        assertThat(bus.ids()).containsAll(left).doesNotHaveDuplicates();
        assertThat(pools.updates).containsExactly("a=720");
        assertThat(state.outbox(pools.pool("a").arn())).isEmpty();
        assertThat(state.outbox(pools.pool("b").arn())).isEmpty();
    }

    @Test
    void killedAfterSomeBatchesWentOut_theNextRunPublishesOnlyTheRest() {
        IntStream.range(0, 30).forEach(i -> pools.add(Pools.active(String.format("p%02d", i), 48)));
        bus.killFromCall = 2;
        assertThatThrownBy(() -> sweep("dead")).isInstanceOf(ProcessKilled.class);
        List<String> outIds = List.copyOf(bus.calls.getFirst().stream().map(GuardEvent::eventId).toList());
        bus.published.clear();

        bus.killFromCall = 0;
        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("next");

        assertThat(outIds).as("the first batch went out while the dead run went on").hasSize(10);
        assertThat(poolEvents()).as("the discovery of every pool the first batch did not carry").hasSize(20)
                .allMatch(e -> e.startsWith("Pool Status Changed"));
        assertThat(bus.ids()).doesNotContainAnyElementsOf(outIds);
        pools.list().forEach(p -> assertThat(state.outbox(p.arn())).as(p.name()).isEmpty());
    }

    @Test
    void killedBeforePublishing_aRunWithinItsDeadline_leavesItsEventsAlone() {
        pools.add(Pools.active("b", 48));
        bus.kill = true;
        assertThatThrownBy(() -> sweep("dead")).isInstanceOf(ProcessKilled.class);

        bus.kill = false;
        clock.advance(Duration.ofMinutes(1)); // the first run may still be publishing
        sweep("concurrent");

        assertThat(poolEvents()).isEmpty();
        assertThat(state.outbox(pools.pool("b").arn())).hasSize(1);
    }

    @Test
    void killedAfterTheUpdateLanded_theUpdateIsReportedOnce_andNotMadeAgain_norTakenForDrift() {
        pools.add(Pools.active("a", 9000));
        pools.killOnUpdate("a", true);
        assertThatThrownBy(() -> sweep("dead")).isInstanceOf(ProcessKilled.class);

        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("next");
        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("after");

        assertThat(pools.updates).containsExactly("a=720");
        assertThat(poolEvents()).containsExactly("Pool Retention Enforced [" + pools.pool("a").arn() + "]",
                "Pool Status Changed [" + pools.pool("a").arn() + "]");
        GuardEvent enforced = bus.published.stream().filter(e -> e.type() == EventType.POOL_RETENTION_ENFORCED)
                .findFirst().orElseThrow();
        assertThat(enforced.detail()).isInstanceOfSatisfying(PoolRetentionEnforced.class, e -> {
            assertThat(e.runId()).isEqualTo("dead");
            assertThat(e.toHours()).isEqualTo(720);
        });
    }

    @Test
    void killedBeforeTheUpdateWasMade_noUpdateIsReported_andTheNextRunMakesIt() {
        pools.add(Pools.active("a", 9000));
        pools.killOnUpdate("a", false);
        assertThatThrownBy(() -> sweep("dead")).isInstanceOf(ProcessKilled.class);

        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("next");

        assertThat(pools.updates).containsExactly("a=720");
        List<GuardEvent> enforced = bus.published.stream()
                .filter(e -> e.type() == EventType.POOL_RETENTION_ENFORCED).toList();
        assertThat(enforced).singleElement().satisfies(e -> assertThat(((PoolRetentionEnforced) e.detail()).runId()).isEqualTo("next"));
        assertThat(poolEvents()).filteredOn(e -> e.startsWith("Pool Status Changed")).hasSize(1);
    }

    @Test
    void aCompletedRun_leavesEveryOutboxEmpty() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48), Pools.active("c", 1));

        sweep("clean");

        pools.list().forEach(p -> assertThat(state.outbox(p.arn())).as(p.name()).isEmpty());
    }

    @Test
    void theBusRefusing_keepsTheEventsInTheOutbox_forALaterRun() {
        pools.add(Pools.active("b", 48));
        bus.refuse = true;
        TriggerResult refused = sweep("refused");
        assertThat(refused.unpublished()).isNotEmpty();

        bus.refuse = false;
        clock.advance(RUN_LIMIT.plusSeconds(1));
        sweep("next");

        assertThat(poolEvents()).containsExactly("Pool Status Changed [" + pools.pool("b").arn() + "]");
        assertThat(state.outbox(pools.pool("b").arn())).isEmpty();
    }
}
