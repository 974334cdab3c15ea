package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import kvspoolguard.core.pool.GovernedShards;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.testing.SdkOnEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;

/** Request pacing on a real Chime client, against the emulator's rate limit over the wire. */
class RequestPacingIT {

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator();
    private final ChimePoolEmulator emulator = CHIME.emulator();

    @Test
    void pacedAtTheLimit_concurrentRequestsAreNeverThrottled_whileUnpacedOnesAre() {
        emulator.seed(EmulatedPool.active("p", 24));
        emulator.rateLimit(new RateLimit(null, 10));

        getConcurrently(ChimeClients.home("123456789012", List.of("us-east-1")).client(new Shard("123456789012", "us-east-1")), 30);
        long unpacedThrottles = emulator.count(Operation.GET_POOL).withStatus(429);
        emulator.clearJournal();
        emulator.rateLimit(new RateLimit(null, 10)); // a full bucket again
        getConcurrently(new ChimeClients(ShardScope.fixed(new GovernedShards(List.of("123456789012"), List.of("us-east-1"))), 10,
                null)
                .client(new Shard("123456789012", "us-east-1")), 30);

        assertThat(unpacedThrottles).as("the same burst without pacing is throttled").isPositive();
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).isZero();
        assertThat(emulator.count(Operation.GET_POOL).withStatus(200)).isEqualTo(30);
    }

    @Test
    void everyAttemptTakesAPermit_retriesIncluded() {
        emulator.seed(EmulatedPool.active("p", 24));
        emulator.injectFaults(FaultRule.times(Operation.GET_POOL, Fault.throttle(), 2));
        RequestPacing pacing = new RequestPacing("test", 100);
        try (ChimeSdkMediaPipelinesClient chime = ChimeSdkMediaPipelinesClient.builder().region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .addExecutionInterceptor(pacing))
                .build()) {
            chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p"));
        }

        assertThat(emulator.count(Operation.GET_POOL).calls()).isEqualTo(3);
        assertThat(pacing.permitsTaken()).isEqualTo(3);
    }

    private static void getConcurrently(ChimeSdkMediaPipelinesClient chime, int requests) {
        try (chime; var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, requests).forEach(i -> workers.submit(() -> {
                try {
                    chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p"));
                } catch (RuntimeException throttledAfterRetries) {
                    // counted by the emulator
                }
            }));
        }
    }
}
