package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kvspoolguard.local.MutableClock;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.StreamChange;
import kvspoolguard.local.chime.model.StreamQuotas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/**
 * The Kinesis Video Streams operations through the SDK's own client, and the streams a pool owns:
 * made by its Create, reached one by one by its Update, left behind by its Delete.
 */
class StreamOperationsIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension(
            ChimePoolEmulator.builder().clock(CLOCK).streamsPerPool(2));
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient chime = EmulatorClients.noRetries(emulator);
    private final KinesisVideoClient kvs = EmulatorClients.kinesisVideo(emulator);

    private String create(String name, int hours) {
        return chime.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName(name)
                        .streamConfiguration(c -> c.region("us-east-1").dataRetentionInHours(hours)))
                .kinesisVideoStreamPoolConfiguration().poolId();
    }

    private List<StreamInfo> streamsOf(String poolId) {
        return kvs.listStreams(r -> r.streamNameCondition(c -> c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
                .comparisonValue(poolId + "-"))).streamInfoList();
    }

    @Test
    void aPoolsCreate_makesItsStreams_namedAfterItsPoolId_atItsRetention() {
        String poolId = create("recordings", 24);

        List<StreamInfo> streams = streamsOf(poolId);

        assertThat(streams).extracting(StreamInfo::streamName).containsExactly(poolId + "-1", poolId + "-2");
        assertThat(streams).allSatisfy(s -> {
            assertThat(s.dataRetentionInHours()).isEqualTo(24);
            assertThat(s.statusAsString()).isEqualTo("ACTIVE");
            assertThat(s.version()).matches("[a-zA-Z0-9]+");
            assertThat(s.streamARN()).matches("arn:aws:kinesisvideo:us-east-1:123456789012:stream/"
                    + s.streamName() + "/[0-9]+");
            assertThat(s.creationTime()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void beginsWith_matchesEveryNameWithThePrefix_andPagesInNameOrder() {
        String dev = create("dev", 24);
        String dev2 = create("dev2", 24);

        ListStreamsResponse first = kvs.listStreams(r -> r.maxResults(3).streamNameCondition(c -> c
                .comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue("ChimeMediaPipelines-dev")));
        ListStreamsResponse rest = kvs.listStreams(r -> r.maxResults(3).nextToken(first.nextToken())
                .streamNameCondition(c -> c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
                        .comparisonValue("ChimeMediaPipelines-dev")));

        assertThat(first.streamInfoList()).hasSize(3);
        assertThat(rest.nextToken()).isNull();
        assertThat(Stream.concat(first.streamInfoList().stream(), rest.streamInfoList().stream())
                .map(StreamInfo::streamName))
                .containsExactlyInAnyOrder(dev + "-1", dev + "-2", dev2 + "-1", dev2 + "-2")
                .isSorted();
        assertThatThrownBy(() -> kvs.listStreams(r -> r.nextToken("not-ours")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void updateDataRetention_isRelative_andTakesOnlyTheCurrentVersion() {
        StreamInfo stream = streamsOf(create("relative", 24)).getFirst();

        kvs.updateDataRetention(r -> r.streamARN(stream.streamARN()).currentVersion(stream.version())
                .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION).dataRetentionChangeInHours(48));
        StreamInfo increased = kvs.describeStream(r -> r.streamARN(stream.streamARN())).streamInfo();
        kvs.updateDataRetention(r -> r.streamName(stream.streamName()).currentVersion(increased.version())
                .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION).dataRetentionChangeInHours(60));
        StreamInfo decreased = kvs.describeStream(r -> r.streamName(stream.streamName())).streamInfo();

        assertThat(increased.dataRetentionInHours()).isEqualTo(72);
        assertThat(increased.version()).isNotEqualTo(stream.version());
        assertThat(decreased.dataRetentionInHours()).isEqualTo(12);
        assertThatThrownBy(() -> kvs.updateDataRetention(r -> r.streamARN(stream.streamARN())
                .currentVersion(increased.version()).operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(1)))
                .isInstanceOf(VersionMismatchException.class);
        assertThatThrownBy(() -> kvs.updateDataRetention(r -> r.streamARN(stream.streamARN())
                .currentVersion(decreased.version()).operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(13)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("would be -1 hours");
        assertThatThrownBy(() -> kvs.updateDataRetention(r -> r.streamARN(stream.streamARN())
                .currentVersion(decreased.version()).operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(0)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Member must have value greater than or equal to 1");
        assertThat(kvs.describeStream(r -> r.streamName(stream.streamName())).streamInfo().dataRetentionInHours())
                .isEqualTo(12);
    }

    @Test
    void aPoolsUpdate_reachesItsStreamsOneByOne_whileItIsUpdating() {
        emulator.transitionDelay(Duration.ofSeconds(10));
        String poolId = create("propagating", 24);
        CLOCK.advance(Duration.ofSeconds(10));

        chime.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("propagating")
                .streamConfiguration(c -> c.dataRetentionInHours(6)));
        CLOCK.advance(Duration.ofSeconds(5));
        List<StreamInfo> halfway = streamsOf(poolId);
        PoolStatus during = poolNamed("propagating").status();
        CLOCK.advance(Duration.ofSeconds(5));

        assertThat(during).isEqualTo(PoolStatus.UPDATING);
        assertThat(halfway).extracting(StreamInfo::dataRetentionInHours).containsExactly(6, 24);
        assertThat(streamsOf(poolId)).extracting(StreamInfo::dataRetentionInHours).containsExactly(6, 6);
        assertThat(poolNamed("propagating").status()).isEqualTo(PoolStatus.ACTIVE);
        assertThat(emulator.streamChanges()).filteredOn(c -> c.cause() == StreamChange.Cause.PROPAGATION
                && c.dataRetentionInHours() == 6).hasSize(2);
    }

    @Test
    void aPropagationToldToMissAStream_leavesIt_andAChangeBehindTheApiIsANewVersion() {
        String poolId = create("missing", 24);
        StreamInfo missed = streamsOf(poolId).getLast();
        emulator.missNextPropagation(missed.streamARN());

        chime.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("missing")
                .streamConfiguration(c -> c.dataRetentionInHours(48)));
        EmulatedStream changed = emulator.replaceStream(null, null, streamsOf(poolId).getFirst().streamName(),
                s -> s.withRetention(1));

        assertThat(streamsOf(poolId)).extracting(StreamInfo::dataRetentionInHours).containsExactly(1, 24);
        assertThat(changed.version()).isEqualTo(streamsOf(poolId).getFirst().version());
        assertThat(emulator.streamChanges().getLast().cause()).isEqualTo(StreamChange.Cause.OUTSIDE);
    }

    @Test
    void aPoolsDelete_leavesItsStreams_andAPoolCreatedAgainGetsNewOnes() {
        String first = create("again", 24);
        chime.deleteMediaPipelineKinesisVideoStreamPool(r -> r.identifier("again"));
        assertThat(emulator.pools()).noneMatch(p -> p.name().equals("again"));

        String second = create("again", 12);

        assertThat(second).isNotEqualTo(first);
        assertThat(streamsOf(first)).extracting(StreamInfo::dataRetentionInHours).containsExactly(24, 24);
        assertThat(streamsOf(second)).extracting(StreamInfo::dataRetentionInHours).containsExactly(12, 12);
        assertThat(emulator.streams()).filteredOn(s -> s.poolId().orElseThrow().equals(first)).hasSize(2);
    }

    @Test
    void aPoolGrows_whenTold_andSeededPoolsHaveNoStreamsUntilThen() {
        emulator.seed(EmulatedPool.active("seeded", 36));
        assertThat(emulator.streams()).isEmpty();

        List<EmulatedStream> grown = emulator.growPool(null, null, "seeded", 3);

        assertThat(grown).hasSize(3).allSatisfy(s -> assertThat(s.dataRetentionInHours()).isEqualTo(36));
    }

    @Test
    void deleteStream_isDeletingThenGone_andTagsAreKept() {
        StreamInfo stream = streamsOf(create("deleted", 24)).getFirst();
        kvs.tagStream(r -> r.streamARN(stream.streamARN()).tags(Map.of("team", "media")));
        kvs.untagStream(r -> r.streamName(stream.streamName()).tagKeyList("none"));
        assertThat(kvs.listTagsForStream(r -> r.streamARN(stream.streamARN())).tags())
                .isEqualTo(Map.of("team", "media"));
        emulator.transitionDelay(Duration.ofSeconds(10));

        kvs.deleteStream(r -> r.streamARN(stream.streamARN()).currentVersion(stream.version()));

        assertThat(kvs.describeStream(r -> r.streamARN(stream.streamARN())).streamInfo().statusAsString())
                .isEqualTo("DELETING");
        assertThatThrownBy(() -> kvs.deleteStream(r -> r.streamARN(stream.streamARN())))
                .isInstanceOf(ResourceInUseException.class);
        CLOCK.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> kvs.describeStream(r -> r.streamARN(stream.streamARN())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> kvs.describeStream(r -> r.streamName("nobody")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> kvs.describeStream(r -> { }))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void createStream_makesAStreamOfAnotherNaming() {
        String arn = kvs.createStream(r -> r.streamName("door-camera").dataRetentionInHours(2)
                .mediaType("video/h264")).streamARN();

        StreamInfo made = kvs.describeStream(r -> r.streamARN(arn)).streamInfo();

        assertThat(made.dataRetentionInHours()).isEqualTo(2);
        assertThat(made.mediaType()).isEqualTo("video/h264");
        assertThat(emulator.streams().getFirst().poolId()).isEmpty();
    }

    @Test
    void theDocumentedQuotas_answerClientLimitExceeded_perStreamAndPerAccount() {
        StreamInfo stream = streamsOf(create("quota", 24)).getFirst();
        int made = 0;
        ClientLimitExceededException refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            String version = kvs.describeStream(r -> r.streamARN(stream.streamARN())).streamInfo().version();
            try {
                kvs.updateDataRetention(r -> r.streamARN(stream.streamARN()).currentVersion(version)
                        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION).dataRetentionChangeInHours(1));
                made++;
            } catch (ClientLimitExceededException e) {
                refused = e;
            }
        }
        assertThat(made).isEqualTo(5);
        assertThat(refused).hasMessageContaining("per second");

        // the bucket refills at 50 a second while the calls are made: at least 50 pass, then one is refused
        long listed = IntStream.range(0, 1_000).takeWhile(i -> {
            try {
                kvs.listStreams(r -> r.maxResults(1));
                return true;
            } catch (ClientLimitExceededException e) {
                return false;
            }
        }).count();
        assertThat(listed).isBetween(50L, 999L);
        assertThat(emulator.count(Operation.LIST_STREAMS).byStatus()).containsKey(400);

        emulator.streamQuotas(StreamQuotas.NONE);
        assertThat(kvs.listStreams(r -> r.maxResults(1)).streamInfoList()).hasSize(1);
    }

    @Test
    void injectedFaults_reachTheStreamOperations() {
        StreamInfo stream = streamsOf(create("faulty", 24)).getFirst();
        emulator.injectFaults(FaultRule.times(Operation.UPDATE_DATA_RETENTION,
                Fault.error(ErrorType.CLIENT_LIMIT_EXCEEDED), 1));

        assertThatThrownBy(() -> kvs.updateDataRetention(r -> r.streamARN(stream.streamARN())
                .currentVersion(stream.version()).operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(1)))
                .isInstanceOf(ClientLimitExceededException.class);
        assertThat(kvs.describeStream(r -> r.streamARN(stream.streamARN())).streamInfo().dataRetentionInHours())
                .isEqualTo(24);
    }

    private EmulatedPool poolNamed(String name) {
        return emulator.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
