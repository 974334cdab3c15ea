package kvspoolguard.aws;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kvspoolguard.core.pool.GovernedShards;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardScope;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * A Chime client per shard, and a Kinesis Video Streams client per shard its pools' streams are in,
 * built on first use and kept for the execution environment; each paced on its own, since each
 * API's quotas are its own. The home
 * account's clients use the function's own credentials; another account's use a session of its
 * member role (AssumeRole with the external id), one per account, which the SDK's provider renews
 * before it expires. Endpoints come from the SDK's own environment variables
 * (AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL), so one
 * artifact runs against AWS and locally.
 */
public final class ChimeClients {

    /** How the functions reach member accounts: the role's name and the external id it requires. */
    public record MemberRole(String name, String externalId) {
    }

    /** The name a member session carries, so the member's CloudTrail says who acted. */
    static final String SESSION_NAME = "kvs-pool-guard";

    private final ShardScope scope;
    private final int requestsPerSecond;
    private final MemberRole memberRole;
    private final UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
    private final Map<Shard, ChimeSdkMediaPipelinesClient> clients = new ConcurrentHashMap<>();
    private final Map<Shard, KinesisVideoApi> streamClients = new ConcurrentHashMap<>();
    private final int streamRequestsPerSecond;
    /** Each member shard's session, so that a shard's step can start one of its own. */
    private final Map<Shard, AwsCredentialsProvider> sessions = new ConcurrentHashMap<>();
    private StsClient sts;
    private SdkHttpClient streamHttp;
    private AwsCredentialsProvider homeCredentials;

    /**
     * {@code requestsPerSecond}: each shard's client sends at most this many requests a second (0: no
     * pacing), since the API's quotas are per account and region. {@code memberRole} may be null when
     * only the home account is governed.
     */
    public ChimeClients(ShardScope scope, int requestsPerSecond, MemberRole memberRole) {
        this(scope, new Pacing(requestsPerSecond, 0), memberRole);
    }

    /** How many requests a second each shard's clients send: Chime's, and Kinesis Video Streams' (0: no pacing). */
    public record Pacing(int chimeRequestsPerSecond, int streamRequestsPerSecond) {
    }

    public ChimeClients(ShardScope scope, Pacing pacing, MemberRole memberRole) {
        this.scope = scope;
        this.requestsPerSecond = pacing.chimeRequestsPerSecond();
        this.streamRequestsPerSecond = pacing.streamRequestsPerSecond();
        this.memberRole = memberRole;
    }

    /** Clients of the home account's regions only, without pacing (tests, tools). */
    public static ChimeClients home(String account, List<String> regions) {
        return new ChimeClients(ShardScope.fixed(new GovernedShards(List.of(account), regions)), 0, null);
    }

    /** The shards these clients may reach. */
    public ShardScope scope() {
        return scope;
    }

    /** The shard's client; the shard must be governed. */
    public ChimeSdkMediaPipelinesClient client(Shard shard) {
        requireReachable(shard);
        return clients.computeIfAbsent(shard, this::build);
    }

    /**
     * The Kinesis Video Streams API of the shard a pool's streams are in; the shard must be governed.
     * Endpoint: AWS_ENDPOINT_URL_KINESIS_VIDEO, as the SDK reads it.
     */
    public KinesisVideoApi streams(Shard shard) {
        requireReachable(shard);
        return streamClients.computeIfAbsent(shard, s -> new KinesisVideoApi(s, new AwsJsonService.Transport(
                streamHttp(), scope.isHome(s.account()) ? homeCredentials() : sessions.computeIfAbsent(s, this::session),
                AwsJsonService.standardRetriesAlsoOf(KinesisVideoApi.CLIENT_LIMIT_EXCEEDED,
                        KinesisVideoApi.ATTEMPTS), streamRequestsPerSecond > 0
                        ? new RequestPacing("kvs-" + s, streamRequestsPerSecond) : null)));
    }

    private synchronized SdkHttpClient streamHttp() {
        if (streamHttp == null) {
            streamHttp = http.build();
        }
        return streamHttp;
    }

    private synchronized AwsCredentialsProvider homeCredentials() {
        if (homeCredentials == null) {
            homeCredentials = DefaultCredentialsProvider.builder().build();
        }
        return homeCredentials;
    }

    private void requireReachable(Shard shard) {
        if (!scope.current().governs(shard)) {
            throw new IllegalArgumentException("shard " + shard + " is not governed by this stack");
        }
        if (!scope.isHome(shard.account()) && memberRole == null) {
            throw new IllegalStateException("account " + shard.account() + " is governed, but no member role is set");
        }
    }

    /** The member role of an account, as the functions assume it. */
    private String roleArn(String account) {
        return "arn:" + partition(scope.regions().getFirst()) + ":iam::" + account + ":role/" + memberRole.name();
    }

    /**
     * The SDK's standard retry strategy, chosen explicitly: with AWS_RETRY_MODE unset the SDK falls
     * back to its legacy mode (4 attempts, seconds spent on a throttled call).
     */
    private ChimeSdkMediaPipelinesClient build(Shard shard) {
        var builder = ChimeSdkMediaPipelinesClient.builder()
                .region(Region.of(shard.region()))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy());
                    if (requestsPerSecond > 0) {
                        o.addExecutionInterceptor(new RequestPacing("chime-" + shard, requestsPerSecond));
                    }
                });
        if (!scope.isHome(shard.account())) {
            builder.credentialsProvider(sessions.computeIfAbsent(shard, this::session));
        }
        return builder.build();
    }

    /**
     * The shard's next call assumes its member role again: a session of its own, which the SDK
     * renews before it expires. The home account's shards use the function's role: nothing changes.
     */
    public void freshSession(Shard shard) {
        if (scope.isHome(shard.account())) {
            return;
        }
        ChimeSdkMediaPipelinesClient client = clients.remove(shard);
        streamClients.remove(shard); // it holds the session closed below
        AwsCredentialsProvider session = sessions.remove(shard);
        if (client != null) {
            client.close();
        }
        if (session instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a session that will not be used again: nothing to keep
            }
        }
    }

    private AwsCredentialsProvider session(Shard shard) {
        String roleArn = roleArn(shard.account());
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME)
                        .externalId(memberRole.externalId()))
                .build();
    }

    /** Built on the first member session: a stack that governs its own account only never makes one. */
    private synchronized StsClient sts() {
        if (sts == null) {
            sts = StsClient.builder().region(Region.of(scope.regions().getFirst()))
                    .httpClientBuilder(http)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                    .build();
        }
        return sts;
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
