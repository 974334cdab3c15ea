package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import kvspoolguard.core.pool.PoolRef;
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

    @Test
    void parse_schedule() {
        assertThat(parse("""
                {"id": "s1", "source": "aws.events", "detail-type": "Scheduled Event", "time": "2026-11-21T10:00:00Z"}"""))
                .isEqualTo(new EnforcerEvent.Scheduled("s1", Instant.parse("2026-11-21T10:00:00Z")));
    }

    @Test
    void parse_poolStateChange_takesTheRegionFromTheArn_notTheMediaRegion() {
        EnforcerEvent event = parse(chime("chime:MediaPipelineKinesisVideoStreamPoolUpdated", ARN, "1795255200000"));

        assertThat(event).isEqualTo(new EnforcerEvent.PoolStateChange("e1",
                "chime:MediaPipelineKinesisVideoStreamPoolUpdated", "Updated", new PoolRef("123456789012", "eu-west-1", "p", ARN),
                Instant.ofEpochMilli(1795255200000L)));
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
