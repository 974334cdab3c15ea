package kvspoolguard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import org.junit.jupiter.api.Test;

class PoolStreamsTest {

    private static final Shard HOME = new Shard("123456789012", "us-east-1");
    private static final String DEV = "ChimeMediaPipelines-dev-0f6c2a9e-3b1d-4e5f-8a7b-9c0d1e2f3a4b";
    private static final String DEV2 = "ChimeMediaPipelines-dev2-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    /** A pool whose name has dev's whole PoolId as its prefix. */
    private static final String DEV_LONGER = DEV + "-x-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

    private static Pool pool(String poolId, PoolStatus status, int hours) {
        return Pool.builder("dev", "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/dev",
                status).id(poolId).region("us-east-1").streamRegion("us-east-1").retentionHours(hours).build();
    }

    private static Stream stream(String name, int hours, String status) {
        return new Stream(name, "arn:aws:kinesisvideo:us-east-1:123456789012:stream/" + name + "/1", HOME, hours, "v1",
                status, Instant.EPOCH);
    }

    @Test
    void aStreamBelongsToThePoolOfItsWholePoolId_neverToAPoolWhoseIdIsAPrefixOfIt() {
        List<Stream> streams = List.of(stream(DEV + "-1", 48, "ACTIVE"), stream(DEV2 + "-1", 48, "ACTIVE"),
                stream(DEV_LONGER + "-1", 48, "ACTIVE"), stream("door-camera", 48, "ACTIVE"));

        assertThat(PoolStreams.of(pool(DEV, PoolStatus.ACTIVE, 48), streams)).extracting(Stream::name)
                .containsExactly(DEV + "-1");
        assertThat(streams.get(2).poolId()).hasValue(DEV_LONGER);
        assertThat(streams.get(3).poolId()).isEmpty();
    }

    @Test
    void drifted_areThePoolsActiveStreams_thatHoldAnotherRetention() {
        List<Stream> streams = List.of(stream(DEV + "-1", 48, "ACTIVE"), stream(DEV + "-2", 12, "ACTIVE"),
                stream(DEV + "-3", 12, "DELETING"), stream(DEV2 + "-1", 12, "ACTIVE"));

        List<StreamDrift> drifts = PoolStreams.drifted(pool(DEV, PoolStatus.ACTIVE, 48), 48, streams);

        assertThat(drifts).singleElement().satisfies(d -> {
            assertThat(d.stream().name()).isEqualTo(DEV + "-2");
            assertThat(d.fromHours()).isEqualTo(12);
            assertThat(d.toHours()).isEqualTo(48);
            assertThat(d.decreases()).isFalse();
        });
    }

    @Test
    void aPoolsStreams_areJudgedOnlyWhileItIsActive() {
        assertThat(PoolStreams.judged(pool(DEV, PoolStatus.ACTIVE, 48))).isTrue();
        assertThat(PoolStreams.judged(pool(DEV, PoolStatus.UPDATING, 48))).as("the service is propagating").isFalse();
        assertThat(PoolStreams.judged(pool(null, PoolStatus.ACTIVE, 48))).isFalse();
    }
}
