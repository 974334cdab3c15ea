package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.CreateMediaPipelineKinesisVideoStreamPoolResponse;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolConfiguration;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolStatus;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.Tag;

/** Every operation's success path through the real SDK: shapes, identifiers, ids, timestamps, tags. */
class PoolOperationsIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient chime = EmulatorClients.noRetries(emulator);


    private CreateMediaPipelineKinesisVideoStreamPoolResponse create(String name, Integer hours) {
        return chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName(name)
                .streamConfiguration(c -> c.region("us-west-2").dataRetentionInHours(hours))
                .tags(Tag.builder().key("team").value("media").build()));
    }

    @Test
    void create_returnsCreatingPoolWithAwsFormedArnAndId() {
        KinesisVideoStreamPoolConfiguration pool = create("recordings", 24).kinesisVideoStreamPoolConfiguration();

        assertThat(pool.poolName()).isEqualTo("recordings");
        assertThat(pool.poolArn()).isEqualTo(
                "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/recordings");
        assertThat(pool.poolId()).matches("ChimeMediaPipelines-recordings-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
        assertThat(pool.poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.CREATING);
        assertThat(pool.streamConfiguration().region()).isEqualTo("us-west-2");
        assertThat(pool.streamConfiguration().dataRetentionInHours()).isEqualTo(24);
        assertThat(pool.createdTimestamp()).isEqualTo(pool.updatedTimestamp()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void create_acceptsZeroRetention() {
        assertThat(create("no-retention", 0).kinesisVideoStreamPoolConfiguration()
                .streamConfiguration().dataRetentionInHours()).isZero();
    }

    @Test
    void create_withoutRetention_omitsIt() {
        var pool = chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("bare")
                .streamConfiguration(c -> c.region("us-east-1"))).kinesisVideoStreamPoolConfiguration();
        assertThat(pool.streamConfiguration().dataRetentionInHours()).isNull();
    }

    @Test
    void create_duplicateName_isConflict() {
        create("recordings", 24);

        assertThatThrownBy(() -> create("recordings", 48))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("recordings already exists");
    }

    @Test
    void create_sameClientRequestToken_isIdempotent() {
        var request = software.amazon.awssdk.services.chimesdkmediapipelines.model
                .CreateMediaPipelineKinesisVideoStreamPoolRequest.builder()
                .poolName("retry-safe").clientRequestToken("token-1")
                .streamConfiguration(c -> c.region("us-east-1").dataRetentionInHours(6)).build();

        var first = chime.createMediaPipelineKinesisVideoStreamPool(request).kinesisVideoStreamPoolConfiguration();
        var again = chime.createMediaPipelineKinesisVideoStreamPool(request).kinesisVideoStreamPoolConfiguration();

        assertThat(again.poolId()).isEqualTo(first.poolId());
        assertThat(emulator.pools()).hasSize(1);
    }

    @Test
    void create_beyondRegionLimit_isResourceLimitExceeded() {
        emulator.maxPoolsPerRegion(2);
        create("a", 1);
        create("b", 1);

        assertThatThrownBy(() -> create("c", 1))
                .isInstanceOf(ResourceLimitExceededException.class)
                .hasMessageContaining("limit of 2");
    }

    @Test
    void get_byNameAndByArn_returnsTheSamePoolSettledToActive() {
        String arn = create("recordings", 24).kinesisVideoStreamPoolConfiguration().poolArn();

        var byName = chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings"))
                .kinesisVideoStreamPoolConfiguration();
        var byArn = chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(arn))
                .kinesisVideoStreamPoolConfiguration();

        assertThat(byArn).isEqualTo(byName);
        assertThat(byName.poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.ACTIVE);
        assertThat(byName.poolSize()).isZero();
        assertThat(emulator.requests().getLast().rawPath())
                .isEqualTo("/media-pipeline-kinesis-video-stream-pools/"
                        + "arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Amedia-pipeline-kinesis-video-stream-pool"
                        + "%2Frecordings");
    }

    @Test
    void get_byPoolId_isNotFound_becauseOnlyNameAndArnAreIdentifiers() {
        String id = create("recordings", 24).kinesisVideoStreamPoolConfiguration().poolId();

        assertThatThrownBy(() -> chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(id)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void get_arnOfAnotherAccountOrRegion_isNotFound() {
        create("recordings", 24);
        String otherAccount = "arn:aws:chime:us-east-1:999999999999:media-pipeline-kinesis-video-stream-pool/recordings";
        String otherRegion = "arn:aws:chime:eu-west-1:123456789012:media-pipeline-kinesis-video-stream-pool/recordings";

        assertThatThrownBy(() -> chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(otherAccount)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(otherRegion)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void update_changesRetentionAndMovesUpdatedTimestamp() {
        var created = create("recordings", 24).kinesisVideoStreamPoolConfiguration();
        chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings")); // settles to ACTIVE

        var updated = chime.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings")
                .streamConfiguration(c -> c.dataRetentionInHours(72))).kinesisVideoStreamPoolConfiguration();

        assertThat(updated.poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.UPDATING);
        assertThat(updated.streamConfiguration().dataRetentionInHours()).isEqualTo(72);
        assertThat(updated.streamConfiguration().region()).isEqualTo("us-west-2");
        assertThat(updated.createdTimestamp()).isEqualTo(created.createdTimestamp());
        assertThat(updated.updatedTimestamp()).isAfter(created.updatedTimestamp());
        RecordedRequest request = emulator.requests().getLast();
        assertThat(request.body()).isEqualTo("{\"StreamConfiguration\":{\"DataRetentionInHours\":72}}");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAEMULATOR/")
                .contains("/us-east-1/chime/aws4_request");
        assertThat(request.region()).isEqualTo("us-east-1");
    }

    @Test
    void delete_removesThePoolAfterDeleting() {
        create("recordings", 24);
        chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings"));

        chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings"));

        assertThat(emulator.count(Operation.DELETE_POOL).withStatus(204)).isEqualTo(1);
        assertThatThrownBy(() -> chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("recordings")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("recordings");
    }

    @Test
    void tags_areListedAddedAndRemovedByArn() {
        String arn = create("recordings", 24).kinesisVideoStreamPoolConfiguration().poolArn();

        chime.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("kvs-pool-guard:exempt").value("true").build(),
                Tag.builder().key("team").value("voice").build()));
        chime.untagResource(r -> r.resourceARN(arn).tagKeys("kvs-pool-guard:exempt"));
        var tags = chime.listTagsForResource(r -> r.resourceARN(arn)).tags();

        assertThat(tags).containsExactly(Tag.builder().key("team").value("voice").build());
        assertThat(emulator.count(Operation.TAG_RESOURCE).withStatus(204)).isEqualTo(1);
        assertThat(emulator.count(Operation.UNTAG_RESOURCE).withStatus(204)).isEqualTo(1);
    }

    @Test
    void tags_ofUnknownPool_areNotFound() {
        String arn = emulator.poolArn("us-east-1", "ghost");

        assertThatThrownBy(() -> chime.listTagsForResource(r -> r.resourceARN(arn)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chime.tagResource(r -> r.resourceARN(arn)
                .tags(Tag.builder().key("k").value("v").build())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void regions_arePartitionedBySigningRegion() {
        create("recordings", 24);
        try (var euClient = EmulatorClients.inRegion(emulator, Region.EU_WEST_1)) {
            assertThat(euClient.listMediaPipelineKinesisVideoStreamPools(r -> { }).kinesisVideoStreamPools()).isEmpty();
            var eu = euClient.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("recordings")
                    .streamConfiguration(c -> c.region("eu-west-1").dataRetentionInHours(1)))
                    .kinesisVideoStreamPoolConfiguration();
            assertThat(eu.poolArn()).contains(":eu-west-1:");
        }
        assertThat(emulator.pools()).extracting(EmulatedPool::region)
                .containsExactlyInAnyOrder("us-east-1", "eu-west-1");
    }

    @Test
    void seededPool_isServedWithItsStatusTimestampsAndTags() {
        Instant created = Instant.parse("2025-01-02T03:04:05.678Z");
        emulator.seed(EmulatedPool.active("legacy", 720).withStatus(PoolStatus.FAILED)
                .withTimestamps(created, created.plusSeconds(60)).withTags(Map.of("owner", "ops")));

        var pool = chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("legacy"))
                .kinesisVideoStreamPoolConfiguration();

        assertThat(pool.poolStatus()).isEqualTo(KinesisVideoStreamPoolStatus.FAILED);
        assertThat(pool.createdTimestamp()).isEqualTo(created);
        assertThat(pool.updatedTimestamp()).isEqualTo(created.plusSeconds(60));
        assertThat(chime.listTagsForResource(r -> r.resourceARN(pool.poolArn())).tags())
                .containsExactly(Tag.builder().key("owner").value("ops").build());
    }
}
