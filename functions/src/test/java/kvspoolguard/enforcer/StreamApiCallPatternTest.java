package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.testing.TemplateRule;
import org.junit.jupiter.api.Test;

/**
 * The stream rule of template.yaml (StreamApiCalls), matched as EventBridge matches, against the
 * samples in events/, and the enforcer's reading of what it lets through.
 */
class StreamApiCallPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final TemplateRule RULE = TemplateRule.ofEnforcerEvent("StreamApiCalls");
    private static final String STREAM = "ChimeMediaPipelines-contact-center-recordings-"
            + "0f6c2a9e-3b1d-4e5f-8a7b-9c0d1e2f3a4b-1";

    private static ObjectNode sample() throws Exception {
        return (ObjectNode) JSON.readTree(EVENTS.resolve("cloudtrail-stream-update-retention.json").toFile());
    }

    private static EnforcerEvent parse(JsonNode event) throws Exception {
        return EnforcerEvent.parse(JSON.writeValueAsBytes(event));
    }

    @Test
    void theStreamSample_matches_andNoOtherSample() throws Exception {
        List<Path> samples;
        try (Stream<Path> files = Files.list(EVENTS)) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path sample : samples) {
            boolean ofStreams = sample.getFileName().toString().startsWith("cloudtrail-stream-");
            assertThat(RULE.matches(JSON.readTree(sample.toFile()))).as(sample.getFileName().toString())
                    .isEqualTo(ofStreams);
        }
    }

    @Test
    void anUpdate_isReadAsTheCall_onThePoolsStream_andWhoMadeIt() throws Exception {
        StreamCall call = ((EnforcerEvent.StreamApiCall) parse(sample())).call();

        assertThat(call.callId()).isEqualTo("7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8");
        assertThat(call.action()).isEqualTo(StreamCall.Action.UPDATE_RETENTION);
        assertThat(call.shard()).isEqualTo(new Shard("123456789012", "us-east-1"));
        assertThat(call.streamName()).isEqualTo(STREAM);
        assertThat(call.pool()).hasValue(PoolRef.named(call.shard(), "contact-center-recordings"));
        assertThat(call.actor().principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/MediaOps/sam");
        assertThat(call.byTheService()).isFalse();
        assertThat(call.at()).hasToString("2026-11-21T10:12:02Z");
    }

    @Test
    void aDeletion_byName_isReadToo() throws Exception {
        ObjectNode delete = sample();
        ((ObjectNode) delete.get("detail")).put("eventName", "DeleteStream");
        ((ObjectNode) delete.at("/detail/requestParameters")).removeAll().put("streamName", STREAM);

        StreamCall call = ((EnforcerEvent.StreamApiCall) parse(delete)).call();

        assertThat(RULE.matches(delete)).isTrue();
        assertThat(call.action()).isEqualTo(StreamCall.Action.DELETE);
        assertThat(call.streamName()).isEqualTo(STREAM);
    }

    @Test
    void theMediaPipelinesServicesOwnCall_isKnownAsSuch() throws Exception {
        ObjectNode byService = sample();
        ObjectNode identity = (ObjectNode) byService.at("/detail/userIdentity");
        identity.put("invokedBy", "mediapipelines.chime.amazonaws.com");
        ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", "arn:aws:iam::123456789012:role/"
                + "aws-service-role/mediapipelines.chime.amazonaws.com/AWSServiceRoleForAmazonChimeSDKMediaPipelines");

        assertThat(((EnforcerEvent.StreamApiCall) parse(byService)).call().byTheService()).isTrue();
    }

    @Test
    void anotherStream_aFailedCall_andOtherCalls_areLeftAlone() throws Exception {
        ObjectNode other = sample();
        ((ObjectNode) other.at("/detail/requestParameters")).put("streamARN",
                "arn:aws:kinesisvideo:us-east-1:123456789012:stream/door-camera/1763719200000");
        ObjectNode failed = sample();
        ((ObjectNode) failed.get("detail")).put("errorCode", "VersionMismatchException");
        ObjectNode describe = sample();
        ((ObjectNode) describe.get("detail")).put("eventName", "DescribeStream");

        assertThat(parse(other)).isInstanceOf(EnforcerEvent.OtherResourceCalled.class);
        assertThat(parse(failed)).isInstanceOf(EnforcerEvent.FailedApiCall.class);
        assertThat(RULE.matches(describe)).isFalse();
        assertThatThrownBy(() -> parse(describe)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("UpdateDataRetention");
    }

    @Test
    void aStreamOfAnotherAccountOrRegion_orNone_isRefused_sayingWhy() throws Exception {
        ObjectNode elsewhere = sample();
        ((ObjectNode) elsewhere.at("/detail/requestParameters")).put("streamARN",
                "arn:aws:kinesisvideo:eu-west-1:123456789012:stream/" + STREAM + "/1763719200000");
        ObjectNode none = sample();
        ((ObjectNode) none.at("/detail/requestParameters")).removeAll();

        assertThatThrownBy(() -> parse(elsewhere)).hasMessageContaining("region eu-west-1");
        assertThatThrownBy(() -> parse(none)).hasMessageContaining("names no stream");
    }
}
