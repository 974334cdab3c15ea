package kvspoolguard.local.chime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kvspoolguard.local.chime.model.Operation;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final ServiceModel MODEL = ServiceModel.load();
    private final RouteTable routes = new RouteTable(MODEL);

    private Optional<String> operation(String method, String path, Map<String, List<String>> query) {
        return routes.match(method, path, query).map(m -> m.operation().name());
    }

    @Test
    void model_hasExactlyThePoolOperationsTheEmulatorServes() {
        assertThat(MODEL.operations()).extracting(ServiceModel.OperationModel::name)
                .containsExactlyInAnyOrder(Arrays.stream(Operation.values())
                        .filter(op -> op.faultable() && !op.stream())
                        .map(Operation::modelName).toArray(String[]::new));
    }

    @Test
    void kinesisVideoModel_hasExactlyTheStreamOperationsTheEmulatorServes() {
        assertThat(ServiceModel.kinesisVideo().operations()).extracting(ServiceModel.OperationModel::name)
                .containsExactlyInAnyOrder(Arrays.stream(Operation.values()).filter(Operation::stream)
                        .map(Operation::modelName).toArray(String[]::new));
    }

    @Test
    void match_sharedPath_isToldApartByMethod() {
        String path = "/media-pipeline-kinesis-video-stream-pools/p";

        assertThat(operation("GET", path, Map.of())).hasValue("GetMediaPipelineKinesisVideoStreamPool");
        assertThat(operation("PUT", path, Map.of())).hasValue("UpdateMediaPipelineKinesisVideoStreamPool");
        assertThat(operation("DELETE", path, Map.of())).hasValue("DeleteMediaPipelineKinesisVideoStreamPool");
        assertThat(operation("GET", "/media-pipeline-kinesis-video-stream-pools", Map.of()))
                .hasValue("ListMediaPipelineKinesisVideoStreamPools");
    }

    @Test
    void match_tagRoutes_areToldApartByTheirLiteralQuery() {
        assertThat(operation("POST", "/tags", Map.of("operation", List.of("tag-resource")))).hasValue("TagResource");
        assertThat(operation("POST", "/tags", Map.of("operation", List.of("untag-resource")))).hasValue("UntagResource");
        assertThat(operation("POST", "/tags", Map.of())).isEmpty();
    }

    @Test
    void match_percentEncodedArnLabel_isDecoded() {
        var match = routes.match("GET", "/media-pipeline-kinesis-video-stream-pools/arn%3Aaws%3Achime%3Aus-east-1"
                + "%3A123456789012%3Amedia-pipeline-kinesis-video-stream-pool%2Fa%2Bb", Map.of()).orElseThrow();

        assertThat(match.labels()).containsEntry("identifier",
                "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/a+b");
    }

    @Test
    void match_unencodedSlashInLabel_matchesNoRoute() {
        assertThat(operation("GET", "/media-pipeline-kinesis-video-stream-pools/a/b", Map.of())).isEmpty();
    }
}
