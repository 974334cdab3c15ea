package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;
import kvspoolguard.core.stream.StreamDirectory;
import kvspoolguard.core.stream.StreamDirectoryException;
import kvspoolguard.core.stream.StreamPage;
import kvspoolguard.testing.InMemoryDecreaseLedger;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.Recorders;
import org.junit.jupiter.api.Test;

/**
 * What a pass over a pool's streams does when a change fails: the stream as read again decides
 * whether the change was made, so that a decrease whose answer was lost keeps its slot in the day's
 * budget, and one surely not made gives it back.
 */
class StreamPassTest {

    private static final String POOL_ID = "ChimeMediaPipelines-calls-0f6c2a9e-3b1d-4e5f-8a7b-9c0d1e2f3a4b";
    private static final Shard HOME = new Shard("123456789012", "us-east-1");
    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null);

    /** Streams held in memory; {@code onChange} decides what a change does (apply it, throw, both). */
    private static final class Streams implements StreamDirectory {
        final Map<String, Stream> byName = new LinkedHashMap<>();
        final List<String> changes = new ArrayList<>();
        BiConsumer<Stream, Integer> onChange = this::apply;
        int versions;

        void add(String suffix, int hours) {
            String name = POOL_ID + "-" + suffix;
            byName.put(name, new Stream(name, "arn:aws:kinesisvideo:us-east-1:123456789012:stream/" + name + "/1",
                    HOME, hours, "v" + versions++, "ACTIVE", Instant.EPOCH));
        }

        void apply(Stream stream, int hours) {
            byName.put(stream.name(), stream.withRetention(hours, "v" + versions++));
        }

        @Override
        public StreamPage page(Shard where, String prefix, String token) {
            return new StreamPage(byName.values().stream().filter(s -> s.name().startsWith(prefix)).toList(), null);
        }

        @Override
        public Stream describe(Stream stream) {
            return byName.get(stream.name());
        }

        @Override
        public void changeRetention(Stream stream, int hours) {
            changes.add(stream.name() + "=" + hours);
            onChange.accept(stream, hours);
        }
    }

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final Streams streams = new Streams();
    private final InMemoryDecreaseLedger ledger = new InMemoryDecreaseLedger();

    private RunReport run() {
        Pool pool = Pools.active("calls", 168).toBuilder().id(POOL_ID).build();
        pools.add(pool);
        var terms = new RunTerms(POLICY, new RunOptions("run-1", false, UpdateCap.NONE), Recorders.inMemory(),
                new Placements(AccountDirectory.NONE), new DecreaseBudget(ledger, new UpdateCap(5, null)), null);
        return new Enforcer(new Enforcer.Directories(pools, streams), 2, Clock.systemUTC())
                .enforce(List.of(PoolRef.of(pool)), terms);
    }

    private int decreasesTaken() {
        return ledger.taken(LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void aDecreaseThatLanded_thoughItsAnswerWasLost_isCorrected_andKeepsItsSlotInTheBudget() {
        streams.add("1", 1_000);
        streams.onChange = (stream, hours) -> {
            streams.apply(stream, hours);
            throw new StreamDirectoryException(StreamDirectoryException.Kind.UNAVAILABLE, "answer lost", null);
        };

        RunReport report = run();

        assertThat(report.streams()).singleElement().extracting(StreamOutcome::kind)
                .isEqualTo(StreamOutcome.Kind.CORRECTED);
        assertThat(decreasesTaken()).as("audio was deleted: the slot stays taken").isEqualTo(1);
        assertThat(streams.changes).hasSize(1);
    }

    @Test
    void aDecreaseSurelyNotMade_givesItsSlotBack_andFailsForTheNextTry() {
        streams.add("1", 1_000);
        streams.onChange = (stream, hours) -> {
            throw new StreamDirectoryException(StreamDirectoryException.Kind.THROTTLED, "slow down", null);
        };

        RunReport report = run();

        assertThat(report.streams()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(StreamOutcome.Kind.FAILED);
            assertThat(o.retryable()).isTrue();
        });
        assertThat(decreasesTaken()).isZero();
    }

    @Test
    void aStreamChangedMeanwhile_isJudgedAgainFromItsNewVersion_neverOverwritten() {
        streams.add("1", 1_000);
        streams.onChange = (stream, hours) -> {
            if (streams.changes.size() == 1) { // someone else got there first: 500 h, a new version
                streams.apply(stream, 500);
                throw new StreamDirectoryException(StreamDirectoryException.Kind.VERSION_MISMATCH, "changed", null);
            }
            streams.apply(stream, hours);
        };

        RunReport report = run();

        assertThat(streams.changes).containsExactly(POOL_ID + "-1=168", POOL_ID + "-1=168");
        assertThat(streams.byName.get(POOL_ID + "-1").retentionHours()).isEqualTo(168);
        assertThat(report.streams()).singleElement().extracting(StreamOutcome::kind)
                .isEqualTo(StreamOutcome.Kind.CORRECTED);
        assertThat(decreasesTaken()).as("the first draw given back, the second kept").isEqualTo(1);
    }

    @Test
    void aStreamNoLongerActive_whenReadAgain_isDeferred_notCalledCorrected() {
        streams.add("1", 1_000);
        streams.onChange = (stream, hours) -> {
            streams.byName.put(stream.name(), new Stream(stream.name(), stream.arn(), HOME, 1_000, "v9", "DELETING",
                    Instant.EPOCH));
            throw new StreamDirectoryException(StreamDirectoryException.Kind.VERSION_MISMATCH, "changed", null);
        };

        RunReport report = run();

        assertThat(report.streams()).singleElement().extracting(StreamOutcome::kind)
                .isEqualTo(StreamOutcome.Kind.DEFERRED);
        assertThat(decreasesTaken()).isZero();
    }

    @Test
    void oneStreamsUnexpectedFailure_isItsOwn_andTheOthersAreCorrected() {
        streams.add("1", 1_000);
        streams.add("2", 1_000);
        streams.onChange = (stream, hours) -> {
            if (stream.name().endsWith("-1")) {
                throw new IllegalStateException("a bug");
            }
            streams.apply(stream, hours);
        };

        RunReport report = run();

        assertThat(report.streams()).extracting(StreamOutcome::kind)
                .containsExactly(StreamOutcome.Kind.FAILED, StreamOutcome.Kind.CORRECTED);
    }
}
