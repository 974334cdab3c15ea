package kvspoolguard.local.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kvspoolguard.local.MutableClock;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.chime.model.RoleTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Accounts, as the SDK meets them: a 12-digit access key is that account, accounts are isolated
 * as regions are, and STS AssumeRole hands out credentials of the role's account, which the SDK's
 * own assume-role provider uses as it would in AWS.
 */
class AccountsIT {

    private static final String MEMBER = "333333333333";
    private static final String MEMBER_ROLE = "arn:aws:iam::" + MEMBER + ":role/KvsPoolGuardMember";

    @RegisterExtension
    static final ChimePoolEmulatorExtension CHIME = new ChimePoolEmulatorExtension();
    private final ChimePoolEmulator emulator = CHIME.emulator();

    @Test
    void aTwelveDigitKeyIsItsAccount_andAccountsAreIsolated() {
        var first = chime(key("111111111111"), Region.US_EAST_1);
        var second = chime(key("222222222222"), Region.US_EAST_1);

        String arn = first.createMediaPipelineKinesisVideoStreamPool(r -> r.poolName("calls")
                        .streamConfiguration(s -> s.region("us-east-1").dataRetentionInHours(24)))
                .kinesisVideoStreamPoolConfiguration().poolArn();

        assertThat(arn).isEqualTo("arn:aws:chime:us-east-1:111111111111:media-pipeline-kinesis-video-stream-pool/calls");
        assertThat(second.listMediaPipelineKinesisVideoStreamPools(r -> { }).kinesisVideoStreamPools()).isEmpty();
        assertThatThrownBy(() -> second.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("calls")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> second.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(arn)))
                .isInstanceOf(NotFoundException.class);
        assertThat(emulator.pools()).singleElement().satisfies(p -> {
            assertThat(p.accountId()).isEqualTo("111111111111");
            assertThat(p.region()).isEqualTo("us-east-1");
        });
        assertThat(emulator.requests()).extracting(RecordedRequest::accountId)
                .containsExactly("111111111111", "222222222222", "222222222222", "222222222222");
    }

    @Test
    void anyOtherKeyIsTheEmulatorsOwnAccount_whereSeededPoolsWithoutAnAccountLive() {
        emulator.seed(EmulatedPool.active("own", 24), EmulatedPool.active("theirs", 48).withAccount(MEMBER));

        assertThat(sts(key("AKIAEMULATOR")).getCallerIdentity().account()).isEqualTo(emulator.accountId());
        assertThat(names(chime(key("AKIAEMULATOR"), Region.US_EAST_1))).containsExactly("own");
        assertThat(names(chime(key(MEMBER), Region.US_EAST_1))).containsExactly("theirs");
        assertThat(emulator.poolArn(MEMBER, "us-east-1", "theirs")).contains(":" + MEMBER + ":");
    }

    @Test
    void getCallerIdentity_namesTheAccountOfTheKey() {
        var identity = sts(key("444444444444")).getCallerIdentity();

        assertThat(identity.account()).isEqualTo("444444444444");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::444444444444:root");
        assertThat(emulator.count(Operation.GET_CALLER_IDENTITY).calls()).isEqualTo(1);
    }

    @Test
    void assumeRole_givesCredentialsOfTheRolesAccount_thatTheSdksProviderUses() {
        emulator.seed(EmulatedPool.active("member-pool", 72).withAccount(MEMBER).withRegion("eu-west-1"));
        try (StsClient central = sts(key("111111111111"));
             var provider = StsAssumeRoleCredentialsProvider.builder().stsClient(central)
                     .refreshRequest(r -> r.roleArn(MEMBER_ROLE).roleSessionName("kvs-pool-guard").externalId("ext-1"))
                     .build()) {
            var member = chime(provider, Region.EU_WEST_1);

            assertThat(names(member)).containsExactly("member-pool");
            assertThat(sts(provider).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + MEMBER + ":assumed-role/KvsPoolGuardMember/kvs-pool-guard");
        }
        assertThat(emulator.count(Operation.ASSUME_ROLE).calls()).isEqualTo(1);
        RecordedRequest assume = emulator.requests().stream()
                .filter(r -> r.operation() == Operation.ASSUME_ROLE).findFirst().orElseThrow();
        assertThat(assume.accountId()).isEqualTo("111111111111");
        assertThat(emulator.requests()).filteredOn(r -> r.operation() == Operation.LIST_POOLS)
                .singleElement().satisfies(r -> {
                    assertThat(r.accountId()).isEqualTo(MEMBER);
                    assertThat(r.region()).isEqualTo("eu-west-1");
                });
    }

    @Test
    void aRefusingRole_answersAccessDenied() {
        emulator.trustRoles(RoleTrust.refusing(MEMBER_ROLE));

        assertThatThrownBy(() -> sts(key("111111111111")).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("s1")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:root"
                            + " is not authorized to perform: sts:AssumeRole on resource: " + MEMBER_ROLE);
                });
        assertThat(emulator.roleTrusts()).containsExactly(RoleTrust.refusing(MEMBER_ROLE));
    }

    @Test
    void aRoleRequiringAnExternalId_refusesEveryOtherCall() {
        emulator.trustRoles(RoleTrust.requiringExternalId(MEMBER_ROLE, "ext-1"));
        StsClient central = sts(key("111111111111"));

        assertThatThrownBy(() -> central.assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("s1")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> central.assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("s1")
                .externalId("ext-2"))).isInstanceOf(StsException.class);
        assertThat(central.assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("s1").externalId("ext-1"))
                .assumedRoleUser().arn()).endsWith(":assumed-role/KvsPoolGuardMember/s1");
    }

    @Test
    void assumeRole_refusesMalformedInput_withValidationError() {
        StsClient central = sts(key("111111111111"));

        assertThat(validationError(() -> central.assumeRole(r -> r.roleArn("arn:aws:iam::1:role/x")
                .roleSessionName("s1")))).contains("roleArn");
        assertThat(validationError(() -> central.assumeRole(r -> r.roleArn(MEMBER_ROLE)
                .roleSessionName("has space")))).contains("roleSessionName");
        assertThat(validationError(() -> central.assumeRole(r -> r.roleArn(MEMBER_ROLE)
                .roleSessionName("s1").durationSeconds(60)))).contains("durationSeconds");
    }

    @Test
    void aSessionIsRefusedOnceExpired_orWithAnotherToken() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        try (var own = ChimePoolEmulator.builder().clock(clock).build().start()) {
            own.seed(EmulatedPool.active("p", 24).withAccount(MEMBER));
            Credentials session = sts(own, key("111111111111")).assumeRole(r -> r.roleArn(MEMBER_ROLE)
                    .roleSessionName("s1").durationSeconds(900)).credentials();
            var member = chime(own, StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken())), Region.US_EAST_1);
            var forged = chime(own, StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), "another-token")), Region.US_EAST_1);

            assertThat(session.expiration()).isEqualTo(Instant.parse("2026-06-01T00:15:00Z"));
            assertThat(names(member)).containsExactly("p");
            assertThat(errorCode(() -> names(forged))).isEqualTo("UnrecognizedClientException");
            clock.advance(Duration.ofMinutes(15));
            assertThat(errorCode(() -> names(member))).isEqualTo("ExpiredTokenException");
        }
    }

    @Test
    void theAdminInterface_replacesAndListsTrusts_andRefusesAnythingButRoleArns() throws Exception {
        var put = RawHttp.admin(emulator, "PUT", "roles",
                "[{\"roleArn\": \"" + MEMBER_ROLE + "\", \"refused\": true}]");
        var bad = RawHttp.admin(emulator, "PUT", "roles", "[{\"roleArn\": \"arn:aws:iam::1:user/x\"}]");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(emulator.roleTrusts()).containsExactly(RoleTrust.refusing(MEMBER_ROLE));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not a role ARN");
        assertThat(RawHttp.admin(emulator, "PUT", "roles", "null").statusCode()).isEqualTo(400);
        assertThat(RawHttp.admin(emulator, "GET", "roles", null).body()).contains(MEMBER_ROLE);
        RawHttp.admin(emulator, "POST", "reset", null);
        assertThat(emulator.roleTrusts()).isEmpty();
    }

    private static List<String> names(ChimeSdkMediaPipelinesClient client) {
        return client.listMediaPipelineKinesisVideoStreamPools(r -> { }).kinesisVideoStreamPools().stream()
                .map(p -> p.poolName()).toList();
    }

    private static String validationError(Runnable call) {
        try {
            call.run();
        } catch (StsException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("expected a ValidationError");
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertThat(e.statusCode()).isEqualTo(403);
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("expected a refusal");
    }

    private static AwsCredentialsProvider key(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret"));
    }

    private ChimeSdkMediaPipelinesClient chime(AwsCredentialsProvider credentials, Region region) {
        return chime(emulator, credentials, region);
    }

    private StsClient sts(AwsCredentialsProvider credentials) {
        return sts(emulator, credentials);
    }

    private static ChimeSdkMediaPipelinesClient chime(ChimePoolEmulator emulator, AwsCredentialsProvider credentials,
                                                      Region region) {
        return ChimeSdkMediaPipelinesClient.builder().endpointOverride(emulator.endpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static StsClient sts(ChimePoolEmulator emulator, AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
