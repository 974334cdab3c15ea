package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.PoolDriftAttributed;
import kvspoolguard.core.events.PoolRetentionChanged;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items as the release before typed events wrote them (a state record's outbox, a pool's calls and
 * their outbox, a history entry), put into moto's DynamoDB attribute by attribute, read back through
 * today's adapters: every detail decodes, and names its actor although it was written without one.
 */
class StoredShapesIT {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final String JANE = "arn:aws:sts::123456789012:assumed-role/Admin/jane";
    private static final String CHANGED_BY = """
            {"arn":"%s","sessionIssuerArn":"arn:aws:iam::123456789012:role/Admin","sourceIpAddress":"198.51.100.7",\
            "userAgent":"aws-cli/2.22.0","eventTime":"2026-11-21T10:04:58Z","requestedRetentionHours":5000,\
            "cloudTrailEventId":"ct-1"}""".formatted(JANE);
    private static final String POOL = """
            {"arn":"%s","name":"p","region":"us-east-1","account":"123456789012"}""".formatted(ARN);
    private static final String DRIFT = """
            {"eventId":"d-1","schemaVersion":1,"pool":%s,"previousRetentionHours":720,"retentionHours":5000,\
            "status":"ACTIVE","observedAt":"2026-11-21T10:05:00.031Z","changedBy":%s,\
            "trigger":{"kind":"pool-state-change","id":"e-1"}}""".formatted(POOL, CHANGED_BY);
    private static final String ATTRIBUTED = """
            {"eventId":"a-1","schemaVersion":1,"pool":%s,"driftEventId":"d-0","retentionHours":5000,\
            "changedBy":%s,"trigger":{"kind":"api-call","id":"e-2"}}""".formatted(POOL, CHANGED_BY);
    private static final String CHANGED = """
            {"eventId":"c-1","schemaVersion":1,"pool":%s,"fromHours":720,"toHours":168,"rule":"default",\
            "changedBy":{"authorizer":"iam","principal":"arn:aws:iam::123456789012:role/operator"},\
            "requestId":"r-1","changedAt":"2026-11-21T10:15:02.417Z","trigger":{"kind":"api","id":"r-1"}}"""
            .formatted(POOL);

    private final LocalAws aws = LocalAws.get();
    private String table;

    @BeforeEach
    void freshTable() {
        table = aws.newStateTable();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue outboxEntry(String type, String id, String detail) {
        return AttributeValue.fromM(Map.of("type", s(type), "id", s(id), "time", s("2026-11-21T10:05:01Z"),
                "resources", AttributeValue.fromL(List.of(s(ARN))), "detail", s(detail),
                "publishBy", s("2026-11-21T10:20:00Z")));
    }

    private void put(Map<String, AttributeValue> item) {
        aws.dynamoDbClient.putItem(r -> r.tableName(table).item(item));
    }

    @Test
    void aStateRecordsOutbox_readsWithTheDriftsActor() {
        put(Map.of("pk", s("pool#" + ARN), "version", AttributeValue.fromN("3"), "arn", s(ARN), "name", s("p"),
                "region", s("us-east-1"), "status", s("ACTIVE"), "retentionHours", AttributeValue.fromN("5000"),
                "deleted", AttributeValue.fromBool(false), "observedAt", s("2026-11-21T10:05:00.031Z"),
                "outbox", AttributeValue.fromM(Map.of("d-1", outboxEntry("POOL_RETENTION_DRIFTED", "d-1", DRIFT)))));

        var read = new DynamoDbStateStore(aws.dynamoDbClient, table).read(ARN).orElseThrow();

        assertThat(read.outbox()).singleElement().satisfies(entry -> {
            assertThat(entry.leaseEnd()).isEqualTo(Instant.parse("2026-11-21T10:20:00Z"));
            var drift = (PoolRetentionDrifted) entry.event().detail();
            assertThat(drift.eventId()).isEqualTo("d-1");
            assertThat(drift.actor()).isEqualTo(Actor.recorded(JANE).sessionIssuerArn("arn:aws:iam::123456789012:role/Admin").sourceIpAddress("198.51.100.7").userAgent("aws-cli/2.22.0").build());
            assertThat(drift.changedBy().cloudTrailEventId()).isEqualTo("ct-1");
            assertThat(entry.event().resources()).containsExactly(ARN);
        });
    }

    @Test
    void aPoolsCallsOutbox_readsWithTheAttributionsActor() {
        put(Map.of("pk", s("calls#123456789012/us-east-1/p"), "version", AttributeValue.fromN("1"),
                "calls", AttributeValue.fromL(List.of()), "claims", AttributeValue.fromM(Map.of("d-0", s("ct-1"))),
                "outbox", AttributeValue.fromM(Map.of("a-1", outboxEntry("POOL_DRIFT_ATTRIBUTED", "a-1", ATTRIBUTED)))));

        var read = new DynamoDbCallLedger(aws.dynamoDbClient, table, Duration.ofDays(400)).read(PoolRef.fromArn(ARN));

        assertThat(read.outbox()).singleElement().satisfies(event -> {
            var attributed = (PoolDriftAttributed) event.detail();
            assertThat(attributed.driftEventId()).isEqualTo("d-0");
            assertThat(attributed.actor().principal()).isEqualTo(JANE);
        });
    }

    @Test
    void aHistoryEntry_readsWithTheCallersActor() {
        String at = "2026-11-21T10:15:02.417Z";
        put(Map.of("pk", s("history#123456789012/us-east-1/p#c-1"), "historyOf", s("123456789012/us-east-1/p"),
                "at", s(at + "#c-1"), "eventId", s("c-1"), "detailType", s("Pool Retention Changed"), "time", s(at),
                "detail", s(CHANGED), "expiresAt", AttributeValue.fromN("1900000000")));

        var page = new DynamoDbPoolHistory(aws.dynamoDbClient, table, Duration.ofDays(400))
                .page(PoolRef.fromArn(ARN), new HistoryQuery(null, 10, null));

        assertThat(page.events()).singleElement().satisfies(event -> {
            assertThat(event.time()).isEqualTo(Instant.parse(at));
            var changed = (PoolRetentionChanged) event.detail();
            assertThat(changed.actor()).isEqualTo(Actor.of(new Caller("iam",
                    "arn:aws:iam::123456789012:role/operator")));
            assertThat(changed.requestId()).isEqualTo("r-1");
        });
    }
}
