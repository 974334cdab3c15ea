package kvspoolguard.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.Workers;
import kvspoolguard.testing.InMemoryStateStore;
import org.junit.jupiter.api.Test;

class PagedStateReadsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();

    private static List<String> arns(int count) {
        return IntStream.range(0, count).mapToObj(i -> "arn:pool/" + i).toList();
    }

    private PagedStateReads listed(List<String> arns) {
        PagedStateReads reads = new PagedStateReads(store);
        reads.listed(arns);
        return reads;
    }

    private static Observation seen(String arn, int hours) {
        return Observation.builder(arn, T0).name(arn.substring(arn.indexOf('/') + 1)).region("us-east-1")
                .status(PoolStatus.ACTIVE).retentionHours(hours).build();
    }

    @Test
    void everyListedPool_isReadFromItsPage_onePageRequestPerHundredPools() {
        List<String> arns = arns(250);
        arns.stream().filter(a -> a.hashCode() % 2 == 0).forEach(a -> store.writeIf(seen(a, 48), List.of(), 0));
        PagedStateReads reads = listed(arns);

        for (String arn : arns) {
            assertThat(reads.read(arn).map(v -> v.observation().retentionHours()))
                    .isEqualTo(arn.hashCode() % 2 == 0 ? java.util.Optional.of(48) : java.util.Optional.empty());
        }

        assertThat(store.batchReads).hasValue(3);
        assertThat(store.reads).hasValue(0);
    }

    @Test
    void aRecordThatDoesNotDecode_failsItsOwnRead_whileItsPageServesTheOthers() {
        List<String> arns = arns(3);
        arns.forEach(a -> store.writeIf(seen(a, 48), List.of(), 0));
        store.undecodable.add(arns.get(1));
        PagedStateReads reads = listed(arns);

        assertThat(reads.read(arns.get(0))).isPresent();
        assertThat(reads.read(arns.get(2))).isPresent();
        assertThatThrownBy(() -> reads.read(arns.get(1))).isInstanceOf(UnreadableRecordException.class);

        assertThat(store.batchReads).hasValue(1);
        assertThat(store.reads).as("only the undecodable one, alone").hasValue(1);
    }

    @Test
    void pagesListedOneAfterTheOther_areEachReadTogether_evenWhileReadsOfTheFirstHaveBegun() {
        List<String> arns = arns(160);
        store.writeIf(seen(arns.get(150), 96), List.of(), 0);
        PagedStateReads reads = listed(arns.subList(0, 80));
        assertThat(reads.read(arns.get(0))).isEmpty();

        reads.listed(arns.subList(80, 160));

        assertThat(reads.read(arns.get(150))).map(v -> v.observation().retentionHours()).contains(96);
        arns.forEach(reads::read);
        assertThat(store.batchReads).hasValue(2);
        assertThat(store.reads).as("only the second read of the two pools read above").hasValue(2);
    }

    @Test
    void aSecondReadOfAPool_goesToTheStore_andSeesWhatWasWrittenSince() {
        List<String> arns = arns(10);
        PagedStateReads reads = listed(arns);
        assertThat(reads.read(arns.get(3))).isEmpty(); // the page is loaded: no record yet

        reads.writeIf(seen(arns.get(3), 72), List.of(), 0);

        assertThat(reads.read(arns.get(3))).map(v -> v.observation().retentionHours()).contains(72);
        assertThat(store.reads).hasValue(1);
        assertThat(store.batchReads).hasValue(1);
    }

    @Test
    void aPoolTheSweepDidNotList_isReadOnItsOwn() {
        PagedStateReads reads = listed(arns(5));

        reads.read("arn:pool/other");

        assertThat(store.reads).hasValue(1);
        assertThat(store.batchReads).hasValue(0);
    }

    @Test
    void aFailedPageRead_isTriedOnce_thenEachPoolIsReadOnItsOwn() {
        List<String> arns = arns(3);
        store.writeIf(seen(arns.get(0), 24), List.of(), 0);
        store.batchFailure = new StateStoreException("throttled", null);
        PagedStateReads reads = listed(arns);

        assertThat(reads.read(arns.get(0))).map(v -> v.observation().retentionHours()).contains(24);
        assertThat(reads.read(arns.get(1))).isEmpty();
        assertThat(reads.read(arns.get(2))).isEmpty();
        assertThat(store.batchReads).hasValue(1);
        assertThat(store.reads).hasValue(3);
    }

    @Test
    void concurrentReadersOfOnePage_loadItOnce() throws Exception {
        List<String> arns = arns(100);
        PagedStateReads reads = listed(arns);

        Workers.map(arns, 16, reads::read);

        assertThat(store.batchReads).hasValue(1);
        assertThat(store.reads).hasValue(0);
    }
}
