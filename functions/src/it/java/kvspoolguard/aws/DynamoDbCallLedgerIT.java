package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.attribution.CallLedger;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolDriftAttributed;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The pool API's calls in a state table shaped as the template's, against moto's DynamoDB. */
class DynamoDbCallLedgerIT {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final PoolRef POOL = PoolRef.fromArn(ARN);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Actor JANE = Actor.recorded("arn:aws:sts::123456789012:assumed-role/Admin/jane").sessionIssuerArn("arn:aws:iam::123456789012:role/Admin").sourceIpAddress("198.51.100.7").userAgent("aws-cli/2.22.0").build();

    private final LocalAws aws = LocalAws.get();
    /** A table of its own for each test (JUnit makes an instance per test). */
    private final String table = aws.newStateTable();
    private final DynamoDbCallLedger ledger = new DynamoDbCallLedger(aws.dynamoDbClient, table, Duration.ofDays(400));

    private static PoolCall call(String id, PoolRef pool, Integer hours, Instant at) {
        return PoolCall.builder(id, PoolCall.Action.UPDATE, pool).actor(JANE).requestedHours(hours).at(at).build();
    }

    @Test
    void aPoolsCalls_claims_andOutbox_readBackAsWritten_underTheNameOrTheArn() {
        GuardEvent attributed = new GuardEvent(T0.plusSeconds(90), PoolDriftAttributed.builder("d1")
                .pool(EventPool.of(POOL)).changedBy(call("c1", POOL, 500, T0).changedBy())
                .trigger(SampleDetails.SCHEDULE).build());
        PoolCall named = call("c2", PoolRef.named(new Shard("123456789012", "us-east-1"), "p"), null, T0.plusSeconds(5));
        CallLedger.Entry written = CallLedger.Entry.empty().with(List.of(named, call("c1", POOL, 500, T0)),
                Map.of("d1", "c1"), List.of(attributed));

        assertThat(ledger.writeIf(POOL, written)).isTrue();
        CallLedger.Entry read = ledger.read(PoolRef.named(new Shard("123456789012", "us-east-1"), "p"));

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.calls()).containsExactly(named, call("c1", POOL, 500, T0));
        assertThat(read.claims()).containsExactly(Map.entry("d1", "c1"));
        assertThat(read.outbox()).singleElement().satisfies(e -> {
            assertThat(e).isEqualTo(attributed);
            assertThat(((PoolDriftAttributed) e.detail()).actor()).isEqualTo(JANE);
        });
    }

    @Test
    void writes_areConditionalOnTheVersionRead() {
        assertThat(ledger.read(POOL)).isEqualTo(CallLedger.Entry.empty());
        assertThat(ledger.writeIf(POOL, CallLedger.Entry.empty().with(List.of(call("c1", POOL, 1, T0)), Map.of(), List.of())))
                .isTrue();
        assertThat(ledger.writeIf(POOL, CallLedger.Entry.empty().with(List.of(call("c2", POOL, 2, T0)), Map.of(), List.of())))
                .as("a second writer that read no record").isFalse();
        CallLedger.Entry read = ledger.read(POOL);
        assertThat(ledger.writeIf(POOL, read.with(List.of(call("c3", POOL, 3, T0)), Map.of(), List.of()))).isTrue();
        assertThat(ledger.writeIf(POOL, read.with(List.of(), Map.of(), List.of())))
                .as("a writer that read the record before").isFalse();
        assertThat(ledger.read(POOL).calls()).extracting(PoolCall::callId).containsExactly("c3");
    }

    @Test
    void theItem_holdsNoMoreOfTheCallerThanTheActor_andExpiresAfterTheRetention_fromItsNewestCall() {
        ledger.writeIf(POOL, CallLedger.Entry.empty().with(List.of(call("c1", POOL, 500, T0.plusSeconds(60)),
                call("c0", POOL, 400, T0)), Map.of(), List.of()));

        Map<String, AttributeValue> item = aws.dynamoDbClient.getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("calls#123456789012/us-east-1/p")))).item();

        assertThat(item.get("expiresAt").n())
                .isEqualTo(Long.toString(T0.plusSeconds(60).plus(Duration.ofDays(400)).getEpochSecond()));
        assertThat(item.get("calls").l().getFirst().m().keySet()).containsExactlyInAnyOrder("id", "action", "arn",
                "actorArn", "issuerArn", "sourceIp", "userAgent", "hours", "at");
    }

    @Test
    void aMissingTable_isAStoreFailure_namingIt() {
        DynamoDbCallLedger missing = new DynamoDbCallLedger(aws.dynamoDbClient, "no-such-table", Duration.ofDays(1));

        assertThatThrownBy(() -> missing.read(POOL)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
        assertThatThrownBy(() -> missing.writeIf(POOL, CallLedger.Entry.empty())).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
    }
}
