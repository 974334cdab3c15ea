package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolSummary;

/** List across pages with the SDK's own paginator and by hand. */
class PaginationIT {

    private static final int POOLS = 250;

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient chime = EmulatorClients.noRetries(emulator);

    @BeforeEach
    void seed() {
        emulator.seed(IntStream.range(0, POOLS).mapToObj(i -> EmulatedPool.active("pool-%03d".formatted(i), 24))
                .toArray(EmulatedPool[]::new));
        emulator.clearJournal();
    }

    @Test
    void paginator_visitsEveryPoolOnce_inPagesOfAtMost100() {
        List<String> names = chime.listMediaPipelineKinesisVideoStreamPoolsPaginator(r -> { }).stream()
                .flatMap(page -> page.kinesisVideoStreamPools().stream())
                .map(KinesisVideoStreamPoolSummary::poolName).toList();

        assertThat(names).hasSize(POOLS).doesNotHaveDuplicates().contains("pool-000", "pool-249");
        assertThat(emulator.count(Operation.LIST_POOLS).calls()).isEqualTo(3);
        assertThat(emulator.requests().getFirst().rawQuery()).isNull();
        assertThat(emulator.requests().get(1).rawQuery()).startsWith("next-token=");
    }

    @Test
    void summaries_holdOnlyNameIdAndArn() {
        KinesisVideoStreamPoolSummary first = chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(1))
                .kinesisVideoStreamPools().getFirst();

        assertThat(first.poolName()).isEqualTo("pool-000");
        assertThat(first.poolArn()).endsWith(":media-pipeline-kinesis-video-stream-pool/pool-000");
        assertThat(first.poolId()).startsWith("ChimeMediaPipelines-pool-000-");
    }

    @Test
    void maxResults_limitsThePage_andTheTokenContinuesAfterIt() {
        var page1 = chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(7));
        var page2 = chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(7).nextToken(page1.nextToken()));

        assertThat(page1.kinesisVideoStreamPools()).hasSize(7);
        assertThat(page2.kinesisVideoStreamPools().getFirst().poolName()).isEqualTo("pool-007");
        assertThat(emulator.requests().getLast().rawQuery()).contains("max-results=7");
    }

    @Test
    void lastPage_hasNoNextToken() {
        var page = chime.listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(100)
                .nextToken(chime.listMediaPipelineKinesisVideoStreamPools(q -> q.maxResults(100)
                        .nextToken(chime.listMediaPipelineKinesisVideoStreamPools(p -> p.maxResults(100))
                                .nextToken())).nextToken()));

        assertThat(page.kinesisVideoStreamPools()).hasSize(50);
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void foreignNextToken_isBadRequest() {
        assertThatThrownBy(() -> chime.listMediaPipelineKinesisVideoStreamPools(r -> r.nextToken("not-a-token")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("NextToken is invalid");
    }
}
