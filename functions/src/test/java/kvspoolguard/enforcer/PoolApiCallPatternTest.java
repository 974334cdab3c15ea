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
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.testing.TemplateRule;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail rule of template.yaml (PoolApiCalls), matched as EventBridge matches, against the
 * samples in events/, and the enforcer's reading of what it lets through: the two agree, and the
 * reading keeps nothing credential-like.
 */
class PoolApiCallPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final TemplateRule RULE = TemplateRule.ofEnforcerEvent("PoolApiCalls");

    private static ObjectNode read(String name) throws Exception {
        return (ObjectNode) JSON.readTree(EVENTS.resolve(name).toFile());
    }

    private static EnforcerEvent parse(JsonNode event) throws Exception {
        return EnforcerEvent.parse(JSON.writeValueAsBytes(event));
    }

    @Test
    void theCloudTrailSamples_match_andNoOtherSample() throws Exception {
        List<Path> samples;
        try (Stream<Path> files = Files.list(EVENTS)) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(samples).extracting(p -> p.getFileName().toString())
                .contains("cloudtrail-update-pool.json", "cloudtrail-create-pool.json", "cloudtrail-tag-pool.json",
                        "malformed-cloudtrail.json");
        for (Path sample : samples) {
            JsonNode event = JSON.readTree(sample.toFile());
            String name = sample.getFileName().toString();
            boolean cloudTrail = name.contains("cloudtrail") && !name.startsWith("cloudtrail-stream-");
            assertThat(RULE.matches(event)).as(sample.getFileName().toString()).isEqualTo(cloudTrail);
        }
    }

    @Test
    void recordsItMustLeaveAlone_doNotMatch_andAreRefusedIfSentAnyway() throws Exception {
        ObjectNode update = read("cloudtrail-update-pool.json");
        ObjectNode get = update.deepCopy();
        ((ObjectNode) get.get("detail")).put("eventName", "GetMediaPipelineKinesisVideoStreamPool");
        ObjectNode otherService = update.deepCopy();
        ((ObjectNode) otherService.get("detail")).put("eventSource", "chime.amazonaws.com");
        ObjectNode custom = update.deepCopy().put("source", "custom.cloudtrail");

        for (ObjectNode event : List.of(get, otherService, custom)) {
            assertThat(RULE.matches(event)).as(event.toString()).isFalse();
            assertThatThrownBy(() -> parse(event)).isInstanceOf(MalformedEventException.class);
        }
        assertThatThrownBy(() -> parse(custom)).hasMessageContaining("must come from AWS");
    }

    @Test
    void anUpdate_isReadAsTheCall_whoMadeIt_andTheRetentionItAskedFor() throws Exception {
        EnforcerEvent event = parse(read("cloudtrail-update-pool.json"));

        assertThat(event).isInstanceOf(EnforcerEvent.PoolApiCall.class);
        PoolCall call = ((EnforcerEvent.PoolApiCall) event).call();
        assertThat(call.callId()).isEqualTo("0b5f0c4e-7d2a-4e8b-9c1d-2f3a4b5c6d7e");
        assertThat(call.action()).isEqualTo(PoolCall.Action.UPDATE);
        assertThat(call.pool().arn())
                .isEqualTo("arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/sales-calls");
        assertThat(call.requestedHours()).isEqualTo(5000);
        assertThat(call.at()).hasToString("2026-11-21T10:00:00Z");
        assertThat(call.actor()).isEqualTo(Actor.recorded("arn:aws:sts::123456789012:assumed-role/Admin/jane").sessionIssuerArn("arn:aws:iam::123456789012:role/Admin").sourceIpAddress("198.51.100.7").userAgent("aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/linux#6.8 exec-env/CloudShell").build());
        assertThat(call.succeeded()).isTrue();
    }

    @Test
    void aCreate_namesThePoolItMade_byItsArn() throws Exception {
        PoolCall call = ((EnforcerEvent.PoolApiCall) parse(read("cloudtrail-create-pool.json"))).call();

        assertThat(call.action()).isEqualTo(PoolCall.Action.CREATE);
        assertThat(call.pool().name()).isEqualTo("support-calls");
        assertThat(call.actor().sessionIssuerArn()).isNull(); // a user: no session issuer
        assertThat(call.requestedHours()).isEqualTo(48);
    }

    @Test
    void taggingAPool_isReadAsItsCall_andTaggingAnythingElse_isLeftAlone() throws Exception {
        ObjectNode tag = read("cloudtrail-tag-pool.json");
        ObjectNode untag = tag.deepCopy();
        ((ObjectNode) untag.get("detail")).put("eventName", "UntagResource");
        ObjectNode pipeline = tag.deepCopy();
        ((ObjectNode) pipeline.at("/detail/requestParameters")).put("resourceARN",
                "arn:aws:chime:us-east-1:123456789012:media-pipeline/9b2c3d4e-0000-4f00-8a00-000000000001");

        PoolCall tagged = ((EnforcerEvent.PoolApiCall) parse(tag)).call();

        assertThat(tagged.action()).isEqualTo(PoolCall.Action.TAG);
        assertThat(tagged.pool().arn())
                .isEqualTo("arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/sales-calls");
        assertThat(tagged.actor().principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/jane");
        assertThat(tagged.requestedHours()).isNull();
        assertThat(((EnforcerEvent.PoolApiCall) parse(untag)).call().action()).isEqualTo(PoolCall.Action.UNTAG);
        assertThat(RULE.matches(pipeline)).as("the rule cannot tell a pool's ARN from another's").isTrue();
        assertThat(parse(pipeline)).isEqualTo(new EnforcerEvent.OtherResourceCalled("3c2d8b61-4f1e-4a7b-9c3d-a2e5f6071829",
                "TagResource", "arn:aws:chime:us-east-1:123456789012:media-pipeline/9b2c3d4e-0000-4f00-8a00-000000000001",
                "1c6a1d5f-8e3b-4f9c-ad2e-3f4a5b6c7d8e"));
    }

    @Test
    void credentialsInTheRecord_areNeverRead() throws Exception {
        ObjectNode update = read("cloudtrail-update-pool.json");
        ObjectNode identity = (ObjectNode) update.at("/detail/userIdentity");
        identity.put("sessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
        identity.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        ((ObjectNode) update.at("/detail/requestParameters")).put("x-amz-security-token", "IQoJb3JpZ2luEXAMPLE");

        String read = parse(update).toString();

        assertThat(read).doesNotContain("ASIAEXAMPLEKEYID0001", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN",
                "wJalrXUtnFEMI", "IQoJb3JpZ2luEXAMPLE", "AROAEXAMPLEROLEID0001");
    }

    @Test
    void aUserAgentLongerThanCloudTrailsBound_isCut_notRefused() throws Exception {
        ObjectNode update = read("cloudtrail-update-pool.json");
        ((ObjectNode) update.get("detail")).put("userAgent", "a".repeat(5000));

        PoolCall call = ((EnforcerEvent.PoolApiCall) parse(update)).call();

        assertThat(call.actor().userAgent()).hasSize(1024);
    }

    @Test
    void aFailedCall_isOnlyReported_neverRecorded() throws Exception {
        ObjectNode update = read("cloudtrail-update-pool.json");
        ((ObjectNode) update.get("detail")).put("errorCode", "AccessDenied").put("errorMessage", "not allowed")
                .remove(List.of("responseElements"));

        assertThat(parse(update)).isEqualTo(new EnforcerEvent.FailedApiCall("7b1c9a52-3e0d-4f6a-b8c2-91d4e5f60718",
                "UpdateMediaPipelineKinesisVideoStreamPool", "AccessDenied", "0b5f0c4e-7d2a-4e8b-9c1d-2f3a4b5c6d7e"));
    }

    @Test
    void malformedRecords_areRefused_sayingWhy() throws Exception {
        assertThatThrownBy(() -> parse(read("malformed-cloudtrail.json"))).hasMessageContaining("'eventID'");

        ObjectNode badHours = read("cloudtrail-update-pool.json");
        ((ObjectNode) badHours.at("/detail/requestParameters/StreamConfiguration")).put("DataRetentionInHours", "lots");
        assertThatThrownBy(() -> parse(badHours)).hasMessageContaining("DataRetentionInHours must be a whole number");

        ObjectNode otherAccount = read("cloudtrail-update-pool.json");
        ((ObjectNode) otherAccount.at("/detail/responseElements/KinesisVideoStreamPoolConfiguration")).put("PoolArn",
                "arn:aws:chime:us-east-1:210987654321:media-pipeline-kinesis-video-stream-pool/sales-calls");
        assertThatThrownBy(() -> parse(otherAccount)).hasMessageContaining("account 210987654321");

        ObjectNode forwardedWrongly = read("cloudtrail-update-pool.json").put("account", "210987654321");
        assertThatThrownBy(() -> parse(forwardedWrongly)).hasMessageContaining("came from account 210987654321");

        ObjectNode noPool = read("cloudtrail-update-pool.json");
        ((ObjectNode) noPool.get("detail")).remove(List.of("requestParameters", "responseElements"));
        assertThatThrownBy(() -> parse(noPool)).hasMessageContaining("names no pool");

        ObjectNode badTime = read("cloudtrail-update-pool.json");
        ((ObjectNode) badTime.get("detail")).put("eventTime", "yesterday");
        assertThatThrownBy(() -> parse(badTime)).hasMessageContaining("eventTime");
    }

    @Test
    void theCallsByName_areTheShardsPool() throws Exception {
        ObjectNode byName = read("cloudtrail-update-pool.json");
        ((ObjectNode) byName.get("detail")).remove("responseElements");

        PoolCall call = ((EnforcerEvent.PoolApiCall) parse(byName)).call();

        assertThat(call.pool().name()).isEqualTo("sales-calls");
        assertThat(call.pool().account()).isEqualTo("123456789012");
        assertThat(call.pool().region()).isEqualTo("us-east-1");
        assertThat(call.pool().arn()).isNull();
    }
}
