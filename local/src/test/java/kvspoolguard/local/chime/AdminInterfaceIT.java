package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.local.chime.model.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolStatus;

/** The unsigned admin interface under /_emulator/: seed, faults, counters, requests, settings, reset. */
class AdminInterfaceIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient chime = EmulatorClients.noRetries(emulator);

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        assertThat(RawHttp.admin(emulator, "POST", "reset", null).statusCode()).isEqualTo(204);
    }

    @Test
    void seed_acceptsAnyStatusTimestampsAndTags_andTheApiServesThem() throws Exception {
        var response = RawHttp.admin(emulator, "POST", "pools", """
                [{"name": "busy", "region": "eu-west-1", "streamRegion": "eu-central-1", "dataRetentionInHours": 12,
                  "status": "UPDATING", "poolSize": 3, "createdTimestamp": "2025-05-01T10:00:00Z",
                  "updatedTimestamp": "2025-05-02T10:00:00Z", "tags": {"kvs-pool-guard:exempt": "true"}},
                 {"name": "plain", "dataRetentionInHours": 24}]""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).hasSize(2);
        var pool = chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("plain"))
                .kinesisVideoStreamPoolConfiguration();
        assertThat(pool.poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.ACTIVE);
        JsonNode all = JSON.readTree(RawHttp.admin(emulator, "GET", "pools", null).body());
        JsonNode busy = all.findParents("name").stream().filter(p -> p.get("name").asText().equals("busy"))
                .findFirst().orElseThrow();
        assertThat(busy.get("status").asText()).isEqualTo("UPDATING");
        assertThat(busy.get("poolSize").asInt()).isEqualTo(3);
        assertThat(busy.get("createdTimestamp").asText()).isEqualTo("2025-05-01T10:00:00Z");
    }

    @Test
    void seed_largerThanTheApisBodyLimit_isAccepted() {
        String fleet = IntStream.range(0, 10_000)
                .mapToObj(i -> "{\"name\": \"pool-%05d\", \"dataRetentionInHours\": 24, \"tags\": {\"cost-center\": \"media-platform-recordings-%05d\"}}"
                        .formatted(i, i))
                .collect(Collectors.joining(",", "[", "]"));

        var response = RawHttp.admin(emulator, "POST", "pools", fleet);

        assertThat(fleet.length()).isGreaterThan(1 << 20);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(emulator.pools()).hasSize(10_000);
    }

    @Test
    void seed_withUnknownFieldOrStatus_isRefusedWith400() {
        var typo = RawHttp.admin(emulator, "POST", "pools", "[{\"name\": \"x\", \"retention\": 5}]");
        var status = RawHttp.admin(emulator, "POST", "pools", "[{\"name\": \"x\", \"status\": \"SLEEPING\"}]");

        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("retention");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(emulator.pools()).isEmpty();
    }

    @Test
    void faults_setOverHttp_applyToTheApi_andReadBack() throws Exception {
        RawHttp.admin(emulator, "POST", "pools", "{\"name\": \"p\", \"dataRetentionInHours\": 24}");
        var put = RawHttp.admin(emulator, "PUT", "faults", """
                {"seed": 7,
                 "rules": [{"operation": "GetMediaPipelineKinesisVideoStreamPool", "error": "ServiceUnavailableException",
                            "times": 1},
                           {"latencyMillis": [1, 5]}],
                 "rateLimits": [{"requestsPerSecond": 1000}]}""");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode faults = JSON.readTree(put.body());
        assertThat(faults.get("rules")).hasSize(2);
        assertThat(faults.get("rateLimits").get(0).get("requestsPerSecond").asDouble()).isEqualTo(1000);
        var first = RawHttp.signed(emulator, "GET", "/media-pipeline-kinesis-video-stream-pools/p", null);
        var second = RawHttp.signed(emulator, "GET", "/media-pipeline-kinesis-video-stream-pools/p", null);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(RawHttp.admin(emulator, "DELETE", "faults", null).statusCode()).isEqualTo(204);
        assertThat(emulator.faultRules()).isEmpty();
        assertThat(emulator.rateLimits()).isEmpty();
    }

    @Test
    void faults_withUnknownErrorOrBothKinds_areRefusedWith400() {
        var unknown = RawHttp.admin(emulator, "PUT", "faults", "{\"rules\": [{\"error\": \"TeapotException\"}]}");
        var both = RawHttp.admin(emulator, "PUT", "faults",
                "{\"rules\": [{\"error\": \"ThrottledClientException\", \"latencyMillis\": 5}]}");
        var badProbability = RawHttp.admin(emulator, "PUT", "faults",
                "{\"rules\": [{\"error\": \"ThrottledClientException\", \"probability\": 2}]}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("TeapotException");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(badProbability.statusCode()).isEqualTo(400);
        assertThat(emulator.faultRules()).isEmpty();
    }

    @Test
    void counters_andRequests_reportWhatTheApiReceived() throws Exception {
        chime.listMediaPipelineKinesisVideoStreamPools(r -> { });

        JsonNode counters = JSON.readTree(RawHttp.admin(emulator, "GET", "counters", null).body());
        assertThat(counters.get("ListMediaPipelineKinesisVideoStreamPools").get("calls").asLong()).isEqualTo(1);
        assertThat(counters.get("ListMediaPipelineKinesisVideoStreamPools").get("byStatus").get("200").asLong())
                .isEqualTo(1);
        JsonNode requests = JSON.readTree(RawHttp.admin(emulator, "GET", "requests", null).body());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("region").asText()).isEqualTo("us-east-1");
        assertThat(RawHttp.admin(emulator, "DELETE", "counters", null).statusCode()).isEqualTo(204);
        assertThat(emulator.count(Operation.LIST_POOLS).calls()).isZero();
    }

    @Test
    void settings_changeTheTransitionDelay() throws Exception {
        var put = RawHttp.admin(emulator, "PUT", "settings", "{\"transitionDelayMillis\": 60000}");

        assertThat(JSON.readTree(put.body()).get("transitionDelayMillis").asLong()).isEqualTo(60_000);
        chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("slow")
                .streamConfiguration(c -> c.region("us-east-1")));
        assertThat(chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("slow"))
                .kinesisVideoStreamPoolConfiguration().poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.CREATING);
    }

    @Test
    void reset_restoresTheSettingsTheEmulatorWasBuiltWith() throws Exception {
        RawHttp.admin(emulator, "PUT", "settings", "{\"transitionDelayMillis\": 60000, \"maxPoolsPerRegion\": 3}");

        RawHttp.admin(emulator, "POST", "reset", null);

        JsonNode settings = JSON.readTree(RawHttp.admin(emulator, "GET", "settings", null).body());
        assertThat(settings.get("transitionDelayMillis").asLong()).isZero();
        assertThat(settings.get("maxPoolsPerRegion").asInt()).isZero();
        assertThat(emulator.transitionDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void unknownAdminRoute_is404() {
        assertThat(RawHttp.admin(emulator, "GET", "nothing-here", null).statusCode()).isEqualTo(404);
    }
}
