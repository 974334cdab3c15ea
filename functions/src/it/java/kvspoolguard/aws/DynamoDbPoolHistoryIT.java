package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.history.HistoryException;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The pools' history in a state table shaped as the template's, against moto's DynamoDB. */
class DynamoDbPoolHistoryIT {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final String OTHER = "arn:aws:chime:eu-west-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newStateTable();
    private final DynamoDbPoolHistory history = new DynamoDbPoolHistory(aws.dynamoDbClient, table, Duration.ofDays(400));

    private static GuardEvent event(String id, String arn, Instant at) {
        return SampleDetails.drifted(id, arn, 720, at);
    }

    private List<String> ids(HistoryPage page) {
        return page.events().stream().map(GuardEvent::eventId).toList();
    }

    @Test
    void aPoolsEvents_readBackNewestFirst_inPages_andOnlyItsOwn() {
        List<GuardEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // within one second, and across seconds: the text order of the times must be their order
            events.add(event("e" + i, ARN, T0.plusMillis(i * 400L)));
        }
        events.add(event("elsewhere", OTHER, T0.plusSeconds(60)));
        history.keep(events);

        PoolRef pool = PoolRef.fromArn(ARN);
        HistoryPage first = history.page(pool, new HistoryQuery(null, 3, null));
        HistoryPage second = history.page(pool, new HistoryQuery(null, 3, first.nextToken()));
        HistoryPage third = history.page(pool, new HistoryQuery(null, 3, second.nextToken()));

        assertThat(ids(first)).containsExactly("e6", "e5", "e4");
        assertThat(ids(second)).containsExactly("e3", "e2", "e1");
        assertThat(ids(third)).containsExactly("e0");
        assertThat(third.nextToken()).isNull();
        assertThat(first.events().getFirst()).isEqualTo(events.get(6)).as("read back whole");
        assertThat(first.events().getFirst().time()).isEqualTo(T0.plusMillis(2400));
    }

    @Test
    void since_leavesOutWhatCameBefore() {
        history.keep(List.of(event("old", ARN, T0), event("new", ARN, T0.plusSeconds(3600))));

        assertThat(ids(history.page(PoolRef.fromArn(ARN), new HistoryQuery(T0.plusSeconds(1), 10, null)))).containsExactly("new");
        assertThat(ids(history.page(PoolRef.fromArn(ARN), new HistoryQuery(T0, 10, null)))).containsExactly("new", "old");
    }

    @Test
    void anEventKeptTwice_isThereOnce() {
        history.keep(List.of(event("e1", ARN, T0)));
        history.keep(List.of(event("e1", ARN, T0), event("e2", ARN, T0.plusSeconds(1))));

        assertThat(ids(history.page(PoolRef.fromArn(ARN), new HistoryQuery(null, 10, null)))).containsExactly("e2", "e1");
    }

    @Test
    void manyEvents_areKept_inBatches() {
        List<GuardEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(event("e%02d".formatted(i), ARN, T0.plusSeconds(i)));
        }
        history.keep(events);

        assertThat(history.page(PoolRef.fromArn(ARN), new HistoryQuery(null, 100, null)).events()).hasSize(60);
    }

    @Test
    void eachItem_expiresTheRetentionAfterItsEvent_throughTheTablesTtlAttribute() {
        history.keep(List.of(event("e1", ARN, T0)));

        Map<String, AttributeValue> item = aws.dynamoDbClient.scan(r -> r.tableName(table)).items().getFirst();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(T0.plus(Duration.ofDays(400)).getEpochSecond());
        assertThat(aws.dynamoDbClient.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription()
                .attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void aTokenOfAnotherPool_orNotOneAtAll_isRefused() {
        history.keep(List.of(event("a", ARN, T0), event("b", ARN, T0.plusSeconds(1)),
                event("c", OTHER, T0), event("d", OTHER, T0.plusSeconds(1))));
        String otherToken = history.page(PoolRef.fromArn(OTHER), new HistoryQuery(null, 1, null)).nextToken();

        assertThatThrownBy(() -> history.page(PoolRef.fromArn(ARN), new HistoryQuery(null, 1, otherToken)))
                .isInstanceOfSatisfying(HistoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(HistoryException.Kind.BAD_TOKEN));
        assertThatThrownBy(() -> history.page(PoolRef.fromArn(ARN), new HistoryQuery(null, 1, "not-a-token")))
                .isInstanceOfSatisfying(HistoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(HistoryException.Kind.BAD_TOKEN));
    }

    @Test
    void aTableThatIsNotThere_isUnavailable() {
        DynamoDbPoolHistory nowhere = new DynamoDbPoolHistory(aws.dynamoDbClient, "no-such-table", Duration.ofDays(1));

        assertThatThrownBy(() -> nowhere.keep(List.of(event("e1", ARN, T0))))
                .isInstanceOfSatisfying(HistoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(HistoryException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> nowhere.page(PoolRef.fromArn(ARN), new HistoryQuery(null, 1, null)))
                .isInstanceOfSatisfying(HistoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(HistoryException.Kind.UNAVAILABLE));
    }
}
