package kvspoolguard.aws;

import java.time.Clock;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Archive;
import kvspoolguard.core.Fleet;
import kvspoolguard.core.Ports;
import kvspoolguard.core.Recording;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.Runs;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.history.HistoryKeepingPublisher;
import kvspoolguard.core.history.PoolHistory;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.pool.MemberListing;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.ShardQueue;
import kvspoolguard.core.run.ShardQueueException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The core's ports over AWS, from a configuration: one client per service (per region for Chime),
 * all on the URL-connection HTTP client with the SDK's standard retry strategy. Endpoints and
 * credentials come from the SDK's own environment (AWS_ENDPOINT_URL_*, AWS_REGION, ...), so the
 * same artifact runs against AWS and against the local stand-ins.
 */
public final class AwsPorts {

    private AwsPorts() {
    }

    /** The ports over AWS, for the enforcer's {@code RetentionGuard} and the API's {@code GuardedPools} alike. */
    public static Ports of(GuardConfig config, Clock clock) {
        return of(config, scope(config, clock), clock);
    }

    /** The ports over AWS, reaching the shards of {@code scope}. */
    public static Ports of(GuardConfig config, ShardScope scope, Clock clock) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build();
        PoolHistory history = new DynamoDbPoolHistory(dynamoDb, config.stateTable(), config.historyRetention());
        Archive archive = new Archive(history,
                new DynamoDbCallLedger(dynamoDb, config.stateTable(), config.historyRetention()));
        EventPublisher bus = new HistoryKeepingPublisher(EventBridgePublisher.fromEnvironment(http.build(),
                config.eventBus()), history);
        // where an account is in the organisation, for the policy's rules on units: read only when one asks
        var organization = OrganizationsAccounts.fromEnvironment(http.build(), config.regions().getFirst());
        ChimeClients clients = chimeClients(config, scope);
        return new Ports(new Fleet(new ChimePoolDirectory(clients), policySource(config, http, clock),
                organization, new KinesisVideoStreamDirectory(clients)),
                new Recording(new DynamoDbStateStore(dynamoDb, config.stateTable()), bus, archive, new DecreaseBudget(
                        new DynamoDbDecreaseLedger(dynamoDb, config.stateTable()), config.decreasesPerDay()),
                        new DynamoDbPolicyVersions(dynamoDb, config.stateTable())),
                new Runs(new DynamoDbRunLedger(dynamoDb, config.stateTable()), shardQueue(config, http)));
    }

    /** The shard steps' queue; a function deployed without one (the API's) refuses to queue. */
    private static ShardQueue shardQueue(GuardConfig config, UrlConnectionHttpClient.Builder http) {
        if (config.shardQueueUrl() == null) {
            return new ShardQueue() {
                @Override
                public void send(java.util.List<kvspoolguard.core.run.ShardStep> steps) {
                    throw none();
                }

                @Override
                public void redeliverAfter(String receipt, java.time.Duration delay) {
                    throw none();
                }

                private static ShardQueueException none() {
                    return new ShardQueueException("this function has no shard queue (SHARD_QUEUE_URL is not set)",
                            null);
                }
            };
        }
        return new SqsShardQueue(SqsClient.builder().httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())).build(),
                config.shardQueueUrl());
    }

    /** Every governed shard's client, reaching member accounts through their role. */
    static ChimeClients chimeClients(GuardConfig config, ShardScope scope) {
        return new ChimeClients(scope, new ChimeClients.Pacing(config.chimeRequestsPerSecond(),
                config.streamRequestsPerSecond()), new ChimeClients.MemberRole(config.memberRoleName(),
                config.memberExternalId()));
    }

    /**
     * The shards the configuration governs: the listed accounts, or the organisation's accounts as
     * Organizations lists them now and again.
     */
    public static ShardScope scope(GuardConfig config, Clock clock) {
        GuardConfig.Organization organization = config.organization();
        if (organization == null) {
            return ShardScope.fixed(config.governed());
        }
        return ShardScope.organization(config.governed().home().account(), config.regions(), MemberListing.builder()
                .accounts(OrganizationsAccounts.fromEnvironment(UrlConnectionHttpClient.builder().build(),
                        config.regions().getFirst()))
                .units(organization.units()).keepFor(organization.keepFor()).clock(clock).build());
    }

    private static PolicySource policySource(GuardConfig config, UrlConnectionHttpClient.Builder http, Clock clock) {
        if (config.policyParameter() == null) {
            return PolicySource.fixed(config.defaultPolicy());
        }
        return new SsmPolicySource(SsmParameterStore.fromEnvironment(http.build()), PolicyParameter.builder()
                .name(config.policyParameter()).fallback(config.defaultPolicy()).ttl(config.policyTtl())
                .maxStandIn(config.policyMaxStandIn()).clock(clock).build());
    }
}
