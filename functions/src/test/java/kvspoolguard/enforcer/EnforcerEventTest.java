package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import kvspoolguard.core.StateChange;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import org.junit.jupiter.api.Test;

class EnforcerEventTest {

    private static final String ARN = "arn:aws:chime:eu-west-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";

    private static EnforcerEvent parse(String json) {
        return EnforcerEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String chime(String eventType, String arn, String timestamp) {
        return """
                {"id": "e1", "source": "aws.chime", "detail-type": "Chime Media Pipeline Kinesis Video Pool State Change",
                 "detail": {"eventType": "%s", "poolArn": "%s", "timestamp": %s, "mediaRegion": "eu-central-1"}}"""
                .formatted(eventType, arn, timestamp);
    }

    private static final String SCHEDULE = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/sweep";

    private static String scheduled(String executionId, String time) {
        return """
                {"version": "0", "id": "%s", "source": "aws.events", "detail-type": "Scheduled Event", "time": "%s",
                 "resources": ["%s"], "detail": {}}""".formatted(executionId, time, SCHEDULE);
    }

    @Test
    void parse_schedule() {
        assertThat(parse(scheduled("d32c5kddcf5bb8c3", "2026-11-21T10:00:00Z"))).isEqualTo(new EnforcerEvent.Scheduled(
                "d32c5kddcf5bb8c3", SCHEDULE, Instant.parse("2026-11-21T10:00:00Z")));
    }

    /** EventBridge Scheduler gives each attempt of a firing an execution id of its own; the run is the firing's. */
    @Test
    void aRetriedAttemptOfAFiring_isTheSameRun_theNextFiringAnother() {
        EnforcerEvent.Scheduled first = (EnforcerEvent.Scheduled) parse(scheduled("a1", "2026-11-21T10:00:00Z"));
        EnforcerEvent.Scheduled retried = (EnforcerEvent.Scheduled) parse(scheduled("b2", "2026-11-21T10:00:00Z"));
        EnforcerEvent.Scheduled next = (EnforcerEvent.Scheduled) parse(scheduled("c3", "2026-11-21T11:00:00Z"));

        assertThat(retried.runId()).isEqualTo(first.runId()).isNotEqualTo(next.runId());
        assertThat(first.runId()).as("documented: a name-based UUID of <schedule>@<time>").isEqualTo(
                java.util.UUID.nameUUIDFromBytes((SCHEDULE + "@2026-11-21T10:00:00Z").getBytes(
                        StandardCharsets.UTF_8)).toString());
    }

    @Test
    void parse_aScheduleWithoutItsScheduleOrTime_isMalformed() {
        assertThatThrownBy(() -> parse("""
                {"id": "s1", "source": "aws.events", "detail-type": "Scheduled Event", "time": "2026-11-21T10:00:00Z"}"""))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("resources");
        assertThatThrownBy(() -> parse("""
                {"id": "s1", "source": "aws.events", "detail-type": "Scheduled Event", "resources": ["%s"]}"""
                .formatted(SCHEDULE))).isInstanceOf(MalformedEventException.class).hasMessageContaining("time");
        assertThatThrownBy(() -> parse(scheduled("s1", "<aws.scheduler.scheduled-time>")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void parse_poolStateChange_takesTheRegionFromTheArn_notTheMediaRegion() {
        EnforcerEvent event = parse(chime("chime:MediaPipelineKinesisVideoStreamPoolUpdated", ARN, "1795255200000"));

        assertThat(event).isEqualTo(new EnforcerEvent.PoolStateChange("e1", new StateChange(PoolRef.fromArn(ARN),
                "chime:MediaPipelineKinesisVideoStreamPoolUpdated", Instant.ofEpochMilli(1795255200000L))));
        assertThat(((EnforcerEvent.PoolStateChange) event).change()).isEqualTo("Updated");
        assertThat(((EnforcerEvent.PoolStateChange) event).pool().region()).isEqualTo("eu-west-1");
    }

    private static String requested(String detail) {
        return """
                {"id": "e9", "source": "kvs-pool-guard", "detail-type": "Enforcement Requested", "detail": %s}"""
                .formatted(detail);
    }

    @Test
    void parse_enforcementRequested_ofEveryPool_orOfPoolsByArnOrByShardAndName() {
        assertThat(parse(requested("{\"runId\": \"r1\", \"dryRun\": true, \"pools\": null}")))
                .isEqualTo(EnforcerEvent.EnforcementRequested.builder().id("e9").runId("r1").dryRun(true).build());
        assertThat(parse(requested("""
                {"runId": "r2", "dryRun": false, "pools": [{"account": "123456789012", "region": "eu-west-1", "name": "p",
                 "arn": "%s"}, {"account": "210987654321", "region": "us-east-1", "name": "q", "arn": null}]}"""
                .formatted(ARN)))).isEqualTo(EnforcerEvent.EnforcementRequested.builder().id("e9").runId("r2")
                        .pools(List.of(PoolRef.fromArn(ARN), PoolRef.named(new Shard("210987654321", "us-east-1"), "q")))
                        .build());
    }

    @Test
    void parse_enforcementRequested_malformed_saysWhatIsWrong() {
        assertThatThrownBy(() -> parse(requested("{\"dryRun\": true}"))).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'detail.runId'");
        assertThatThrownBy(() -> parse(requested("{\"runId\": \"r\", \"dryRun\": \"yes\"}")))
                .hasMessageContaining("detail.dryRun must be true or false");
        assertThatThrownBy(() -> parse(requested("{\"runId\": \"r\", \"dryRun\": true, \"pools\": []}")))
                .hasMessageContaining("detail.pools must be null or a non-empty list");
        assertThatThrownBy(() -> parse(requested(
                "{\"runId\": \"r\", \"dryRun\": true, \"pools\": [{\"account\": \"x\", \"region\": \"r\", \"name\": \"p\"}]}")))
                .hasMessageContaining("detail.pools: an account id is 12 digits");
        assertThatThrownBy(() -> parse(requested("{\"runId\": \"r\", \"dryRun\": true, \"pools\": [{\"arn\": \"nope\"}]}")))
                .hasMessageContaining("detail.pools: not a KVS pool ARN");
    }

    @Test
    void parse_malformed_saysWhatIsWrong() {
        assertThatThrownBy(() -> parse("{not json")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"source\": \"aws.s3\", \"detail-type\": \"Object Created\"}"))
                .hasMessageContaining("unsupported event: source 'aws.s3'");
        assertThatThrownBy(() -> parse(chime("chime:SomethingElse", ARN, "1")))
                .hasMessageContaining("unknown pool event type 'chime:SomethingElse'");
        assertThatThrownBy(() -> parse(chime("chime:MediaPipelineKinesisVideoStreamPoolActive", "p", "1")))
                .hasMessageContaining("detail.poolArn").hasMessageContaining("not a KVS pool ARN");
        assertThatThrownBy(() -> parse(chime("chime:MediaPipelineKinesisVideoStreamPoolActive", ARN, "\"soon\"")))
                .hasMessageContaining("detail.timestamp must be epoch milliseconds");
        assertThatThrownBy(() -> parse("""
                {"id": "s1", "source": "aws.events", "detail-type": "Scheduled Event", "time": "yesterday"}"""))
                .hasMessageContaining("not an ISO-8601 instant");
    }
}
