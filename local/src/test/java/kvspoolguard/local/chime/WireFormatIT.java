package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bytes on the wire, checked without an SDK: statuses, headers, JSON shapes, and refusals. */
class WireFormatIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();

    private static final String POOLS = "/media-pipeline-kinesis-video-stream-pools";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void seed() {
        emulator.seed(EmulatedPool.active("p", 24));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void create_answers201_withTheConfigurationShape() throws Exception {
        var response = RawHttp.signed(emulator, "POST", POOLS,
                "{\"PoolName\":\"q\",\"StreamConfiguration\":{\"Region\":\"us-east-1\",\"DataRetentionInHours\":6}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode config = json(response).get("KinesisVideoStreamPoolConfiguration");
        assertThat(config.properties()).extracting(java.util.Map.Entry::getKey).containsExactly(
                "PoolArn", "PoolName", "PoolId", "PoolStatus", "StreamConfiguration", "CreatedTimestamp",
                "UpdatedTimestamp");
        assertThat(config.get("CreatedTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void get_includesPoolSizeOnceActive() throws Exception {
        var config = json(RawHttp.signed(emulator, "GET", POOLS + "/p", null)).get("KinesisVideoStreamPoolConfiguration");

        assertThat(config.get("PoolSize").asInt()).isZero();
        assertThat(config.get("StreamConfiguration").get("DataRetentionInHours").asInt()).isEqualTo(24);
    }

    @Test
    void modelledError_carriesTypeHeader_andCodeMessageRequestIdBody() throws Exception {
        var response = RawHttp.signed(emulator, "GET", POOLS + "/ghost", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        JsonNode body = json(response);
        assertThat(body.get("Code").asText()).isEqualTo("NotFound");
        assertThat(body.get("Message").asText()).contains("ghost");
        assertThat(body.get("RequestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").get());
    }

    @Test
    void unsignedRequest_isRefusedAsAwsRefusesIt_andTouchesNothing() throws Exception {
        var response = RawHttp.send(emulator, "PUT", POOLS + "/p", null,
                "{\"StreamConfiguration\":{\"DataRetentionInHours\":1}}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(json(response).get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(24);
        assertThat(emulator.count(Operation.UPDATE_POOL).withStatus(403)).isEqualTo(1);
    }

    @Test
    void malformedSignature_andWrongService_areRefused() throws Exception {
        var malformed = RawHttp.send(emulator, "GET", POOLS + "/p", "Bearer abc", null);
        var wrongService = RawHttp.send(emulator, "GET", POOLS + "/p",
                RawHttp.SIGNED.replace("/chime/", "/s3/"), null);
        var otherApi = RawHttp.send(emulator, "GET", POOLS + "/p",
                RawHttp.SIGNED.replace("/chime/", "/kinesisvideo/"), null);

        assertThat(malformed.statusCode()).isEqualTo(403);
        assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("IncompleteSignatureException");
        assertThat(wrongService.statusCode()).isEqualTo(403);
        assertThat(json(wrongService).get("message").asText()).contains("'chime'");
        assertThat(otherApi.statusCode()).as("a pool route signed for Kinesis Video Streams").isEqualTo(404);
        assertThat(otherApi.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void unknownRoute_isUnknownOperation() {
        var response = RawHttp.signed(emulator, "PATCH", POOLS + "/p", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void malformedBody_isBadRequest() throws Exception {
        var notJson = RawHttp.signed(emulator, "PUT", POOLS + "/p", "{\"StreamConfiguration\":");
        var wrongType = RawHttp.signed(emulator, "PUT", POOLS + "/p",
                "{\"StreamConfiguration\":{\"DataRetentionInHours\":\"48\"}}");
        var array = RawHttp.signed(emulator, "PUT", POOLS + "/p", "[1]");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("Message").asText()).startsWith("The request body is not valid JSON");
        assertThat(json(wrongType).get("Message").asText()).contains("Member must be an integer");
        assertThat(json(array).get("Message").asText()).contains("must be a JSON object");
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(24);
    }

    @Test
    void oversizedBody_isRefusedWith413_recorded_andTouchesNothing() {
        var response = RawHttp.signed(emulator, "PUT", POOLS + "/p", "{\"x\":\"" + "a".repeat(2 << 20) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
        assertThat(emulator.count(Operation.UPDATE_POOL).withStatus(413)).isEqualTo(1);
        assertThat(emulator.pools().getFirst().updatedTimestamp())
                .isEqualTo(emulator.pools().getFirst().createdTimestamp());
    }

    @Test
    void nonIntegerMaxResults_isBadRequest() throws Exception {
        var response = RawHttp.signed(emulator, "GET", POOLS + "?max-results=ten", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("Message").asText())
                .isEqualTo("1 validation error detected: Value 'ten' at 'maxResults' failed to satisfy constraint:"
                        + " Member must be an integer");
    }

    @Test
    void emptyIdentifier_isBadRequest() throws Exception {
        var response = RawHttp.signed(emulator, "GET", POOLS + "/", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("Message").asText()).contains("at 'identifier'");
    }

    @Test
    void updateWithoutStreamConfiguration_isAcceptedAsTheModelAllows_andChangesOnlyTheTimestamp() throws Exception {
        var before = emulator.pools().getFirst();
        var response = RawHttp.signed(emulator, "PUT", POOLS + "/p", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        var after = emulator.pools().getFirst();
        assertThat(after.dataRetentionInHours()).isEqualTo(24);
        assertThat(after.updatedTimestamp()).isAfter(before.updatedTimestamp());
    }

    @Test
    void deleteAndTagging_answer204_withNoBody() {
        String arn = emulator.poolArn("us-east-1", "p").replace(":", "%3A").replace("/", "%2F");
        var tag = RawHttp.signed(emulator, "POST", "/tags?operation=tag-resource",
                "{\"ResourceARN\":\"" + emulator.poolArn("us-east-1", "p") + "\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}");
        var delete = RawHttp.signed(emulator, "DELETE", POOLS + "/" + arn, null);

        assertThat(tag.statusCode()).isEqualTo(204);
        assertThat(tag.body()).isEmpty();
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(delete.body()).isEmpty();
    }
}
