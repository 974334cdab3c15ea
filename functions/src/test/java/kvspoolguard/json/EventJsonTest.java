package kvspoolguard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.EnforcementRequested;
import kvspoolguard.core.events.EventDetail;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.PoolChange;
import kvspoolguard.core.events.PoolRetentionChanged;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.PoolSight;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.testing.EventSchemas;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final Instant T0 = Instant.parse("2026-11-21T10:05:00.031Z");
    private static final TriggeredBy TRIGGER = new TriggeredBy("pool-state-change", "e-1");
    private static final PoolSight SIGHT = new PoolSight(EventPool.seen(ARN, "p", "us-east-1"), PoolStatus.ACTIVE,
            5000, T0);
    private static final RecordedCall CALL = RecordedCall.by(Actor.recorded(
            "arn:aws:sts::123456789012:assumed-role/Admin/jane").sourceIpAddress("198.51.100.7")
            .userAgent("aws-cli/2.22.0").build()).eventTime(T0.minusSeconds(2)).requestedRetentionHours(5000)
            .cloudTrailEventId("ct-1").build();

    @Test
    void everyDocumentedExample_readsAsItsRecord_andWritesBackTheSame() throws Exception {
        Map<String, JsonNode> examples = EventSchemas.examples();
        assertThat(examples).hasSize(EventType.values().length);
        for (Map.Entry<String, JsonNode> example : examples.entrySet()) {
            EventType type = EventType.ofDetailType(example.getKey());
            JsonNode detail = example.getValue().path("detail");

            EventDetail read = EventJson.read(type, detail.toString());

            assertThat(read).as(example.getKey()).isInstanceOf(type.detail());
            // as written on the wire: a long field reads back as the number the text holds
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(EventJson.text(read)))
                    .as(example.getKey()).isEqualTo(detail);
            assertThat(EventSchemas.violations(type, EventJson.tree(read))).as(example.getKey()).isEmpty();
        }
    }

    @Test
    void aDetail_startsWithItsIdAndVersion_andEndsWithItsTrigger_inTheRecordsOrder() {
        ObjectNode drift = EventJson.tree(PoolRetentionDrifted.of(720, SIGHT, TRIGGER).madeBy(CALL));

        assertThat(fields(drift)).containsExactly("eventId", "schemaVersion", "pool", "previousRetentionHours",
                "retentionHours", "status", "observedAt", "changedBy", "actor", "trigger");
        assertThat(fields((ObjectNode) drift.get("pool"))).containsExactly("arn", "name", "region", "account");
        assertThat(drift.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(drift.get("observedAt").asText()).isEqualTo("2026-11-21T10:05:00.031Z");
        assertThat(fields((ObjectNode) drift.get("changedBy"))).containsExactly("arn", "sessionIssuerArn",
                "sourceIpAddress", "userAgent", "eventTime", "requestedRetentionHours", "cloudTrailEventId");
        assertThat(drift.get("actor")).isEqualTo(JSON.valueToTree(Map.of("principal", CALL.arn(), "via", "cloudtrail",
                "sourceIpAddress", "198.51.100.7", "userAgent", "aws-cli/2.22.0"))
                .deepCopy().<ObjectNode>require().putNull("sessionIssuerArn"));
    }

    @Test
    void whatVersion1GainedLater_isAbsentWhenUnknown_whileOtherNullsAreWritten() {
        ObjectNode drift = EventJson.tree(PoolRetentionDrifted.of(720, SIGHT, TRIGGER));
        ObjectNode discovered = EventJson.tree(PoolStatusChanged.builder(PoolStatusChanged.Change.DISCOVERED, SIGHT)
                .trigger(TRIGGER).build());

        assertThat(drift.has("changedBy")).isFalse();
        assertThat(drift.has("actor")).isFalse();
        assertThat(discovered.has("failure")).isFalse();
        assertThat(discovered.get("previousStatus").isNull()).as("stated, and null").isTrue();
        assertThat(EventJson.tree(PoolStatusChanged.failureReported(SIGHT, "TemporaryFailure", TRIGGER))
                .get("failure").asText()).isEqualTo("TemporaryFailure");
    }

    @Test
    void detailsStoredByTheLastRelease_readWithTheirActor() {
        String drift = """
                {"eventId":"d-1","schemaVersion":1,"pool":{"arn":"%s","name":"p","region":"us-east-1",
                 "account":"123456789012"},"previousRetentionHours":720,"retentionHours":5000,"status":"ACTIVE",
                 "observedAt":"2026-11-21T10:05:00.031Z","changedBy":{"arn":"arn:aws:sts::123456789012:assumed-role/Admin/jane",
                 "sessionIssuerArn":null,"sourceIpAddress":"198.51.100.7","userAgent":"aws-cli/2.22.0",
                 "eventTime":"2026-11-21T10:04:58Z","requestedRetentionHours":5000,"cloudTrailEventId":"ct-1"},
                 "trigger":{"kind":"pool-state-change","id":"e-1"}}""".formatted(ARN);
        String changed = """
                {"eventId":"c-1","schemaVersion":1,"pool":{"arn":"%s","name":"p","region":"us-east-1",
                 "account":"123456789012"},"fromHours":720,"toHours":168,"rule":"default",
                 "changedBy":{"authorizer":"jwt","principal":"https://issuer.example/|alice"},"requestId":"r-1",
                 "changedAt":"2026-11-21T10:15:02.417Z","trigger":{"kind":"api","id":"r-1"}}""".formatted(ARN);
        String requested = """
                {"eventId":"q-1","schemaVersion":1,"runId":"run-1","dryRun":true,
                 "pools":[{"account":"123456789012","region":"us-east-1","name":"p","arn":null}],
                 "requestedBy":{"authorizer":"iam","principal":"arn:aws:iam::123456789012:role/operator"},
                 "trigger":{"kind":"api","id":"run-1"}}""";

        var readDrift = (PoolRetentionDrifted) EventJson.read(EventType.POOL_RETENTION_DRIFTED, drift);
        var readChange = (PoolRetentionChanged) EventJson.read(EventType.POOL_RETENTION_CHANGED, changed);
        var readRequest = (EnforcementRequested) EventJson.read(EventType.ENFORCEMENT_REQUESTED, requested);

        assertThat(readDrift.actor()).isEqualTo(Actor.recorded("arn:aws:sts::123456789012:assumed-role/Admin/jane").sourceIpAddress("198.51.100.7").userAgent("aws-cli/2.22.0").build());
        assertThat(readDrift.changedBy().cloudTrailEventId()).isEqualTo("ct-1");
        assertThat(readChange.actor()).isEqualTo(Actor.of(new Caller("jwt", "https://issuer.example/|alice")));
        assertThat(readRequest.actor().principal()).isEqualTo("arn:aws:iam::123456789012:role/operator");
        assertThat(readRequest.pools()).containsExactly(new EventPool(null, "p", "us-east-1", "123456789012"));
    }

    @Test
    void aNewerWritersField_isIgnored_butADetailOfAnotherShape_isRefusedByName() {
        String withMore = EventJson.text(PoolRetentionDrifted.of(720, SIGHT, TRIGGER)).replaceFirst("\\{",
                "{\"addedLater\":{\"x\":1},");

        assertThat(EventJson.read(EventType.POOL_RETENTION_DRIFTED, withMore))
                .isEqualTo(PoolRetentionDrifted.of(720, SIGHT, TRIGGER));
        assertThatThrownBy(() -> EventJson.read(EventType.POOL_RETENTION_DRIFTED, "{\"retentionHours\":\"many\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pool Retention Drifted");
        assertThatThrownBy(() -> EventJson.read(EventType.POOL_RETENTION_DRIFTED, "{\"observedAt\":\"yesterday\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> EventJson.read(EventType.POLICY_INVALID, "not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Policy Invalid");
    }

    @Test
    void theApisCaller_isNamedInBothShapes() {
        Caller caller = new Caller("iam", "arn:aws:iam::123456789012:role/operator");
        var change = PoolChange.builder().pool(EventPool.seen(ARN, "p", "us-east-1")).fromHours(720).toHours(168)
                .rule("default").build();

        ObjectNode changed = EventJson.tree(PoolRetentionChanged.builder(change, new TriggeredBy("api", "r-1"))
                .changedBy(caller).changedAt(T0).build());

        assertThat(changed.get("changedBy")).isEqualTo(JSON.valueToTree(Map.of("authorizer", "iam",
                "principal", caller.principal())));
        assertThat(changed.get("actor").get("via").asText()).isEqualTo("iam");
        assertThat(changed.get("actor").get("principal").asText()).isEqualTo(caller.principal());
        assertThat(EventSchemas.violations(EventType.POOL_RETENTION_CHANGED, changed)).isEmpty();
    }

    private static List<String> fields(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
