package kvspoolguard.local.chime;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/** Real AWS SDK v2 clients pointed at an emulator, signed with throwaway credentials. */
final class EmulatorClients {

    static final Region REGION = Region.US_EAST_1;

    private EmulatorClients() {
    }

    /** One client per emulator endpoint, shared by a class's tests; closed when the JVM exits. */
    private static final Map<URI, ChimeSdkMediaPipelinesClient> SHARED = new ConcurrentHashMap<>();

    /** No retries: each call is exactly one request, so counters and errors are direct. */
    static ChimeSdkMediaPipelinesClient noRetries(ChimePoolEmulator emulator) {
        return SHARED.computeIfAbsent(emulator.endpoint(),
                endpoint -> client(emulator, REGION, AwsRetryStrategy.doNotRetry()));
    }

    /** The SDK's standard strategy (3 attempts), with short backoffs so tests stay quick. */
    static ChimeSdkMediaPipelinesClient standardRetries(ChimePoolEmulator emulator) {
        BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
        return client(emulator, REGION, AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(quick).throttlingBackoffStrategy(quick).build());
    }

    static ChimeSdkMediaPipelinesClient inRegion(ChimePoolEmulator emulator, Region region) {
        return client(emulator, region, AwsRetryStrategy.doNotRetry());
    }

    /** A Kinesis Video Streams client on the same endpoint, without retries. */
    static KinesisVideoClient kinesisVideo(ChimePoolEmulator emulator) {
        return KinesisVideoClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEMULATOR", "emulator-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static ChimeSdkMediaPipelinesClient client(ChimePoolEmulator emulator, Region region,
                                                       RetryStrategy retries) {
        return ChimeSdkMediaPipelinesClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEMULATOR", "emulator-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(retries))
                .build();
    }
}
