package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.core.state.PoolStateTracker;
import kvspoolguard.core.state.RecordPage;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;
import kvspoolguard.core.state.UnreadableRecordException;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;

/** The state store against moto's DynamoDB, one request at a time: conditional writes over the wire. */
class DynamoDbStateStoreIT {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final LocalAws aws = LocalAws.get();
    private final DynamoDbStateStore store = new DynamoDbStateStore(aws.dynamoDbClient, aws.newStateTable());

    private static Observation seen(int hours, Instant at) {
        return Observation.builder(ARN, at).name("p").region("us-east-1").status(PoolStatus.ACTIVE).retentionHours(hours)
                .build();
    }

    @Test
    void aRecordThatDoesNotDecode_isUnreadableAlone_andTheOthersReadWithItStillServe() {
        String table = aws.newStateTable();
        DynamoDbStateStore written = new DynamoDbStateStore(aws.dynamoDbClient, table);
        written.writeIf(seen(48, T0), List.of(), 0);
        String broken = ARN + "-broken";
        aws.dynamoDbClient.putItem(r -> r.tableName(table).item(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("pool#" + broken),
                "arn", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(broken),
                "version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"),
                "status", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("NO_SUCH_STATUS"))));

        assertThatThrownBy(() -> written.read(broken)).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining(broken).hasMessageContaining("does not decode");
        assertThatThrownBy(() -> written.readAll(List.of(ARN, broken))).isInstanceOfSatisfying(
                UnreadableRecordException.class, e -> {
                    assertThat(e.arns()).containsExactly(broken);
                    assertThat(e.readable()).containsOnlyKeys(ARN);
                });
        assertThat(written.read(ARN)).isPresent();
        RecordPage page = written.records(null, 10);
        assertThat(page.records()).extracting(Observation::arn).containsExactly(ARN);
        assertThat(page.unreadable()).as("set apart, not failing the page").containsExactly(broken);
    }

    @Test
    void aStanding_readsBackAsWritten_andEveryPoolsRecord_isReadInPages_throughTheIndexOfPoolsAlone() {
        String table = aws.newStateTable();
        DynamoDbStateStore scanned = new DynamoDbStateStore(aws.dynamoDbClient, table);
        Standing deferred = new Standing(Standing.Kind.DEFERRED, "legal");
        for (int i = 0; i < 30; i++) {
            Observation o = Observation.builder(ARN + i, T0).name("p" + i).region("us-east-1").status(PoolStatus.ACTIVE)
                    .retentionHours(i + 1).violation("DEFERRED->720")
                    .standing(i % 2 == 0 ? deferred : new Standing(Standing.Kind.EXEMPT, null)).build();
            GuardEvent event = SampleDetails.discovered("e" + i, ARN + i, T0);
            scanned.writeIf(o, List.of(new OutboxEvent(event, T0.plusSeconds(60), null)), 0);
        }
        new DynamoDbRunLedger(aws.dynamoDbClient, table).open(RunRecord.started(new RunOptions("run-1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(3600))
                .shardsTotal(1).build());

        new DynamoDbPoolHistory(aws.dynamoDbClient, table, java.time.Duration.ofDays(1)).keep(List.of(
                SampleDetails.discovered("h1", ARN + "0", T0)));

        assertThat(scanned.read(ARN + "0")).get().extracting(v -> v.observation().standing()).isEqualTo(deferred);
        List<Observation> all = new ArrayList<>();
        int pages = 0;
        String after = null;
        do {
            RecordPage page = scanned.records(after, 7);
            assertThat(page.records().size()).isLessThanOrEqualTo(7);
            all.addAll(page.records());
            after = page.next();
            pages++;
        } while (after != null && pages < 10);

        assertThat(all).hasSize(30).extracting(Observation::arn).doesNotHaveDuplicates().allMatch(a -> a.startsWith(ARN));
        assertThat(all).filteredOn(o -> o.arn().equals(ARN + "1")).singleElement().satisfies(o -> {
            assertThat(o.standing()).isEqualTo(new Standing(Standing.Kind.EXEMPT, null));
            assertThat(o.retentionHours()).isEqualTo(2);
            assertThat(o.violation()).isEqualTo("DEFERRED->720");
        });
        assertThat(pages).as("30 records, 7 a page").isBetween(5, 6);
        assertThatThrownBy(() -> new DynamoDbStateStore(aws.dynamoDbClient, "no-such-table").records(null, 10))
                .isInstanceOf(StateStoreException.class).hasMessageContaining("no-such-table");
    }

    @Test
    void read_unknownPool_isEmpty() {
        assertThat(store.read(ARN)).isEmpty();
    }

    @Test
    void readAll_givesEachExistingRecordAsReadWould_inOneRequest() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String arn = ARN + i;
            arns.add(arn);
            if (i % 3 == 0) {
                store.writeIf(Observation.builder(arn, T0).name("p" + i).region("us-east-1").status(PoolStatus.ACTIVE)
                        .retentionHours(i + 1).build(), List.of(), 0);
            }
        }
        store.writeIf(Observation.builder(ARN + 0, T0).name("p0").region("us-east-1").status(PoolStatus.UPDATING)
                .retentionHours(1).intendedHours(9).build(), List.of(), 1);

        var records = store.readAll(arns);

        assertThat(records).hasSize(34);
        for (String arn : arns) {
            assertThat(java.util.Optional.ofNullable(records.get(arn))).isEqualTo(store.read(arn));
        }
        assertThat(records.get(ARN + 0).version()).isEqualTo(2);
    }

    @Test
    void readAll_moreThanOneRequestHolds_isRefused() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            arns.add(ARN + i);
        }
        assertThatThrownBy(() -> store.readAll(arns)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100");
    }

    @Test
    void readAll_missingTable_isAStateStoreFailure() {
        DynamoDbStateStore missing = new DynamoDbStateStore(aws.dynamoDbClient, "no-such-table");
        assertThatThrownBy(() -> missing.readAll(List.of(ARN))).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
    }

    @Test
    void writeIf_roundTripsEveryField_andCountsVersions() {
        Observation first = Observation.builder(ARN, T0).name("p").region("us-east-1").status(PoolStatus.UPDATING)
                .violation("DEFERRED->720").intendedHours(720).build();

        assertThat(store.writeIf(first, List.of(), 0)).isTrue();
        assertThat(store.read(ARN)).contains(new StateStore.Versioned(first, 1, List.of()));

        Observation gone = Observation.deleted(PoolRef.fromArn(ARN), T0.plusSeconds(1));
        List<OutboxEvent> outbox = List.of(outboxed("e1", null), outboxed("e2", 720));
        assertThat(store.writeIf(gone, outbox, 1)).isTrue();
        // a DynamoDB map keeps no order: the outbox is a set of events
        StateStore.Versioned read = store.read(ARN).orElseThrow();
        assertThat(read.observation()).isEqualTo(gone);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.outbox()).containsExactlyInAnyOrderElementsOf(outbox);
        assertThat(store.readAll(List.of(ARN)).get(ARN).outbox()).containsExactlyInAnyOrderElementsOf(outbox);
    }

    @Test
    void published_dropsThoseEntries_keepsTheOthers_andAWriterWhoReadThemCannotPutThemBack() {
        store.writeIf(seen(24, T0), List.of(outboxed("e1", null), outboxed("e2", null), outboxed("e3", 48)), 0);
        StateStore.Versioned before = store.read(ARN).orElseThrow();

        store.clearOutbox(ARN, Set.of("e1", "e3", "never-there"));
        store.clearOutbox(ARN + "-unknown", Set.of("e1"));

        StateStore.Versioned after = store.read(ARN).orElseThrow();
        assertThat(after.outbox()).extracting(OutboxEvent::eventId).containsExactly("e2");
        assertThat(store.writeIf(seen(24, T0.plusSeconds(1)), before.outbox(), before.version()))
                .as("a run that read the record before the events were published").isFalse();
        assertThat(store.read(ARN).orElseThrow().outbox()).extracting(OutboxEvent::eventId).containsExactly("e2");
        store.clearOutbox(ARN, Set.of("e2"));
        store.clearOutbox(ARN, Set.of("e2"));
        assertThat(store.read(ARN).orElseThrow().outbox()).isEmpty();
    }

    /** An event as the core makes them: nested detail with nulls and numbers. */
    private static OutboxEvent outboxed(String id, Integer intendedHours) {
        return new OutboxEvent(SampleDetails.discovered(id, ARN, T0), T0.plusSeconds(900), intendedHours);
    }

    @Test
    void writeIf_staleVersion_isRefused_andChangesNothing() {
        store.writeIf(seen(24, T0), List.of(), 0);

        assertThat(store.writeIf(seen(48, T0.plusSeconds(1)), List.of(), 0)).as("record exists").isFalse();
        assertThat(store.writeIf(seen(48, T0.plusSeconds(1)), List.of(), 7)).as("wrong version").isFalse();
        assertThat(store.read(ARN).orElseThrow().observation().retentionHours()).isEqualTo(24);
    }

    @Test
    void tracker_sixteenConcurrentDeliveriesOfOneChange_recordOneTransition() throws Exception {
        PoolStateTracker tracker = new PoolStateTracker(store, java.time.Clock.systemUTC());
        var writer = new PoolStateTracker.Writer(t -> List.of(), T0.plusSeconds(3600));
        tracker.observe(seen(24, T0), writer);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Transition>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tracker.observe(seen(1000, T0.plusSeconds(60)), writer).transition();
                }));
            }
            start.countDown();
        }
        long drifts = 0;
        for (Future<Transition> r : results) {
            drifts += r.get().has(Transition.Change.RETENTION_DRIFTED) ? 1 : 0;
        }
        assertThat(drifts).isEqualTo(1);
        assertThat(store.read(ARN).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void missingTable_isAStateStoreException_namingTheTable() {
        DynamoDbStateStore nowhere = new DynamoDbStateStore(aws.dynamoDbClient, "no-such-table");

        assertThatThrownBy(() -> nowhere.read(ARN)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
        assertThatThrownBy(() -> nowhere.writeIf(seen(1, T0), List.of(), 0)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
    }
}
