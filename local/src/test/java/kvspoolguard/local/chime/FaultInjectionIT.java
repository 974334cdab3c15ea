package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.OperationCount;
import kvspoolguard.local.chime.model.RateLimit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ChimeSdkMediaPipelinesException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ForbiddenException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceFailureException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceUnavailableException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ThrottledClientException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.UnauthorizedClientException;

/** Injected faults reach the SDK as the modelled exceptions, and the SDK's own retries show in the counters. */
class FaultInjectionIT {

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final ChimeSdkMediaPipelinesClient once = EmulatorClients.noRetries(emulator);


    @BeforeEach
    void seed() {
        emulator.seed(EmulatedPool.active("p", 24));
    }

    private static int retention(ChimeSdkMediaPipelinesClient chime) {
        return chime.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p"))
                .kinesisVideoStreamPoolConfiguration().streamConfiguration().dataRetentionInHours();
    }

    static Stream<Arguments> everyErrorType() {
        return Stream.of(
                Arguments.of(ErrorType.BAD_REQUEST, BadRequestException.class, 400),
                Arguments.of(ErrorType.FORBIDDEN, ForbiddenException.class, 403),
                Arguments.of(ErrorType.UNAUTHORIZED_CLIENT, UnauthorizedClientException.class, 401),
                Arguments.of(ErrorType.NOT_FOUND, NotFoundException.class, 404),
                Arguments.of(ErrorType.CONFLICT, ConflictException.class, 409),
                Arguments.of(ErrorType.RESOURCE_LIMIT_EXCEEDED, ResourceLimitExceededException.class, 400),
                Arguments.of(ErrorType.THROTTLED_CLIENT, ThrottledClientException.class, 429),
                Arguments.of(ErrorType.SERVICE_FAILURE, ServiceFailureException.class, 500),
                Arguments.of(ErrorType.SERVICE_UNAVAILABLE, ServiceUnavailableException.class, 503));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyErrorType")
    void injectedError_reachesTheSdkAsItsModelledException(ErrorType type,
            Class<? extends ChimeSdkMediaPipelinesException> exception, int status) {
        emulator.injectFaults(FaultRule.times(Operation.UPDATE_POOL, Fault.error(type), 1));

        assertThatThrownBy(() -> once.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("p")
                .streamConfiguration(c -> c.dataRetentionInHours(48))))
                .isInstanceOf(exception)
                .satisfies(e -> {
                    var sdkError = (ChimeSdkMediaPipelinesException) e;
                    assertThat(sdkError.statusCode()).isEqualTo(status);
                    assertThat(sdkError.awsErrorDetails().errorCode()).isEqualTo(type.shapeName());
                    // HttpURLConnection withholds the body of a 401 to a request that sent one, so the
                    // SDK has only the header there; every other answer's message must come through.
                    if (status != 401) {
                        assertThat(sdkError.awsErrorDetails().errorMessage()).startsWith("Injected fault");
                    }
                });
        assertThat(retention(once)).as("a refused update changes nothing").isEqualTo(24);
        assertThat(emulator.faultRules()).as("a one-time fault is spent").isEmpty();
    }

    @Test
    void throttling_isRetriedByTheSdk_andEachAttemptIsCounted() {
        emulator.injectFaults(FaultRule.times(Operation.GET_POOL, Fault.throttle(), 2));

        try (var chime = EmulatorClients.standardRetries(emulator)) {
            assertThat(retention(chime)).isEqualTo(24);
        }

        OperationCount gets = emulator.count(Operation.GET_POOL);
        assertThat(gets.calls()).isEqualTo(3);
        assertThat(gets.withStatus(429)).isEqualTo(2);
        assertThat(gets.withStatus(200)).isEqualTo(1);
    }

    @Test
    void persistentThrottling_exhaustsTheSdksThreeAttempts() {
        emulator.injectFaults(FaultRule.always(Operation.GET_POOL, Fault.throttle()));

        try (var chime = EmulatorClients.standardRetries(emulator)) {
            assertThatThrownBy(() -> retention(chime)).isInstanceOf(ThrottledClientException.class);
        }
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).isEqualTo(3);
    }

    @Test
    void serverErrors_areRetriedByTheSdk() {
        emulator.injectFaults(FaultRule.times(Operation.GET_POOL, Fault.serviceFailure(), 1),
                FaultRule.times(Operation.GET_POOL, Fault.serviceUnavailable(), 1));

        try (var chime = EmulatorClients.standardRetries(emulator)) {
            assertThat(retention(chime)).isEqualTo(24);
        }
        OperationCount gets = emulator.count(Operation.GET_POOL);
        assertThat(List.of(gets.withStatus(500), gets.withStatus(503), gets.withStatus(200))).containsExactly(1L, 1L, 1L);
    }

    @Test
    void faultOnOneOperation_leavesTheOthersAlone() {
        emulator.injectFaults(FaultRule.always(Operation.UPDATE_POOL, Fault.serviceUnavailable()));

        assertThat(retention(once)).isEqualTo(24);
        assertThat(once.listMediaPipelineKinesisVideoStreamPools(r -> { }).kinesisVideoStreamPools()).hasSize(1);
    }

    @Test
    void latency_delaysTheAnswer() {
        emulator.injectFaults(FaultRule.always(null, Fault.latency(Duration.ofMillis(300))));

        long start = System.nanoTime();
        retention(once);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void probabilisticFaults_hitAboutTheirShare_andRepeatWithTheSameSeed() {
        List<Long> throttledPerRun = Stream.of(1, 2).map(run -> {
            emulator.reset();
            emulator.seed(EmulatedPool.active("p", 24));
            emulator.replaceFaults(List.of(FaultRule.sometimes(Operation.GET_POOL, Fault.throttle(), 0.2)),
                    List.of(), 42L);
            for (int i = 0; i < 500; i++) {
                try {
                    retention(once);
                } catch (ThrottledClientException expected) {
                    // counted below
                }
            }
            return emulator.count(Operation.GET_POOL).withStatus(429);
        }).toList();

        assertThat(throttledPerRun.getFirst()).isBetween(60L, 140L);
        assertThat(throttledPerRun.get(1)).isEqualTo(throttledPerRun.getFirst());
    }

    @Test
    void rateLimit_throttlesRequestsAboveIt_andRefillsOverTime() throws InterruptedException {
        emulator.rateLimit(new RateLimit(null, 5));

        int throttled = 0;
        for (int i = 0; i < 20; i++) {
            try {
                retention(once);
            } catch (ThrottledClientException e) {
                throttled++;
                assertThat(e.getMessage()).contains("Rate exceeded");
            }
        }
        assertThat(throttled).isBetween(10, 15);
        Thread.sleep(1_100);
        assertThat(retention(once)).isEqualTo(24);
    }

    @Test
    void rateLimitOnOneOperation_doesNotSlowTheOthers() {
        emulator.rateLimit(new RateLimit(Operation.UPDATE_POOL, 1));

        for (int i = 0; i < 20; i++) {
            retention(once);
        }
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).isZero();
    }

    @Test
    void rateLimit_holdsPerAccountAndRegion_asTheServicesQuotasDo() {
        emulator.seed(EmulatedPool.active("p", 24).withRegion("eu-west-1"));
        emulator.rateLimit(new RateLimit(null, 1));
        ChimeSdkMediaPipelinesClient west = EmulatorClients.inRegion(emulator, Region.EU_WEST_1);

        retention(once);
        retention(west);
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).as("each region's bucket has its own token").isZero();
        assertThatThrownBy(() -> retention(once)).isInstanceOf(ThrottledClientException.class);
        assertThatThrownBy(() -> retention(west)).isInstanceOf(ThrottledClientException.class);
    }
}
