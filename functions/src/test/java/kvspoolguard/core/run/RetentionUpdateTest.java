package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import kvspoolguard.core.attribution.DriftActors;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;

class RetentionUpdateTest {

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final Recorder recorder = new Recorder(new Trigger(Trigger.Kind.API, "req-1"),
            new PoolStateTracker(state, Clock.systemUTC()), new Recorder.Reporting(bus, DriftActors.NONE,
            Clock.systemUTC()));
    private final RetentionUpdate update = new RetentionUpdate(pools, recorder, Clock.systemUTC());

    private static final Standing CHANGED = new Standing(Standing.Kind.CHANGED, "default");

    private static GuardEvent report(String id, Instant at) {
        return SampleDetails.enforced(id, Pools.active("a", 1).arn(), 720, at);
    }

    @Test
    void apply_recordsTheIntentBeforeTheUpdate_andTheResultAfter_thenPublishesTheReportOnce() {
        Pool pool = Pools.active("a", 9000);
        pools.add(pool);

        RetentionUpdate.Result result = update.apply(new PoolRead(pool, Instant.now()), new RetentionUpdate.Target(720, CHANGED,
                at -> report("e-1", at)));

        assertThat(result).isInstanceOfSatisfying(RetentionUpdate.Result.Made.class,
                made -> assertThat(made.answer().retentionHours()).isEqualTo(720));
        assertThat(state.writes).as("the intent, then the result").hasValue(2);
        assertThat(recorder.publish().published()).extracting(GuardEvent::eventId).contains("e-1");
        assertThat(state.outbox(pool.arn())).isEmpty();
        assertThat(state.read(pool.arn())).get().extracting(v -> v.observation().standing()).isEqualTo(CHANGED);
    }

    @Test
    void apply_whoseUpdateFails_leavesTheIntentUndue_andPublishesNoReport() {
        Pool pool = Pools.active("a", 9000);
        pools.add(pool);
        pools.failUpdate("a", PoolDirectoryException.Kind.THROTTLED);

        RetentionUpdate.Result result = update.apply(new PoolRead(pool, Instant.now()), new RetentionUpdate.Target(720, CHANGED,
                at -> report("e-1", at)));

        assertThat(result).isInstanceOfSatisfying(RetentionUpdate.Result.NotMade.class,
                notMade -> assertThat(notMade.cause().kind()).isEqualTo(PoolDirectoryException.Kind.THROTTLED));
        assertThat(recorder.publish().published()).extracting(GuardEvent::eventId).doesNotContain("e-1");
    }

    @Test
    void apply_refusesAReportWhoseIdChangesBetweenIntentAndResult() {
        Pool pool = Pools.active("a", 9000);
        pools.add(pool);

        var changingId = new RetentionUpdate.Target(720, CHANGED, at -> report("e-" + at.toEpochMilli()
                + System.nanoTime(), at));
        assertThatThrownBy(() -> update.apply(new PoolRead(pool, Instant.now()), changingId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must keep its id");
    }
}
