package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.aws.MotoOrganization;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.testing.CapturedLogs;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The enforcer governing other accounts, over the real wire: the emulator isolates accounts and
 * serves STS, so a member account's pools are reached only through its role, with the external id.
 */
class MemberAccountsIT {

    private static final String HOME = "123456789012";
    private static final String MEMBER = "210987654321";
    private static final String MEMBER_ROLE = "arn:aws:iam::" + MEMBER + ":role/KvsPoolGuardMember";

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator();

    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final Map<String, String> env = new HashMap<>();
    private LocalAwsServices.EventTap tap;

    @BeforeEach
    void memberAccountGoverned() {
        tap = LocalAws.get().newBusWithTap();
        env.putAll(LocalAws.get().functionEnvironment(tap));
        env.put("REGIONS", "eu-west-1");
        env.put("GOVERNED_ACCOUNTS", MEMBER);
        env.put("MEMBER_EXTERNAL_ID", "ext-1");
        emulator.trustRoles(RoleTrust.requiringExternalId(MEMBER_ROLE, "ext-1"));
    }

    @Test
    void aMemberAccountsChange_inAnotherRegion_isCorrected_throughItsRole() {
        emulator.seed(EmulatedPool.active("calls", 5000).withAccount(MEMBER).withRegion("eu-west-1"));
        String arn = emulator.poolArn(MEMBER, "eu-west-1", "calls");

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.poolEvent("pool-updated", arn));

        assertThat(summary.path("counts").path("ENFORCED").asInt()).isEqualTo(1);
        assertThat(emulator.pools()).singleElement().extracting(EmulatedPool::dataRetentionInHours).isEqualTo(720);
        assertThat(emulator.requests()).extracting(RecordedRequest::operation, RecordedRequest::accountId)
                .as("no tags read: the exemption tag is off and no rule asks for tags")
                .containsExactly(tuple(Operation.ASSUME_ROLE, HOME), tuple(Operation.GET_POOL, MEMBER),
                        tuple(Operation.UPDATE_POOL, MEMBER));
        List<JsonNode> events = EnforcerRuns.events(tap);
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Pool Retention Enforced"))
                .singleElement().satisfies(e -> {
                    assertThat(e.at("/detail/pool/account").asText()).isEqualTo(MEMBER);
                    assertThat(e.at("/detail/pool/region").asText()).isEqualTo("eu-west-1");
                });
    }

    @Test
    void theSweep_walksEveryGovernedAccountAndRegion_andNoOther() {
        emulator.seed(EmulatedPool.active("home-east", 5000),
                EmulatedPool.active("home-west", 5000).withRegion("eu-west-1"),
                EmulatedPool.active("member-east", 5000).withAccount(MEMBER),
                EmulatedPool.active("member-west", 5000).withAccount(MEMBER).withRegion("eu-west-1"),
                EmulatedPool.active("stranger", 5000).withAccount("999999999999"));

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));

        assertThat(summary.path("counts").path("ENFORCED").asInt()).isEqualTo(4);
        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("home-east", 720), tuple("home-west", 720),
                        tuple("member-east", 720), tuple("member-west", 720), tuple("stranger", 5000));
        assertThat(emulator.count(Operation.ASSUME_ROLE).calls())
                .as("one session a step of each member shard; the home account's shards need none").isEqualTo(2);
    }

    @Test
    void theWholeOrganisation_isGoverned_asOrganizationsListsIt_activeAccountsOnly() {
        MotoOrganization organization = LocalAws.get().organization();
        String joined = organization.newAccount();
        String closed = organization.newAccount();
        organization.close(closed);
        env.put("GOVERNED_ACCOUNTS", "ORGANIZATION");
        env.put("REGIONS", "");
        emulator.trustRoles(RoleTrust.requiringExternalId("arn:aws:iam::" + joined + ":role/KvsPoolGuardMember",
                "ext-1"));
        emulator.seed(EmulatedPool.active("joined", 5000).withAccount(joined),
                EmulatedPool.active("closed", 5000).withAccount(closed));
        RetentionEnforcerHandler handler = EnforcerRuns.handler(env);

        EnforcerRuns.invoke(handler, EnforcerRuns.fresh("schedule"));
        JsonNode closedEvent = EnforcerRuns.invoke(handler, EnforcerRuns.poolEvent("pool-updated",
                emulator.poolArn(closed, "us-east-1", "closed")));

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("joined", 720), tuple("closed", 5000));
        assertThat(closedEvent.path("refused").asText()).contains("account " + closed);
        assertThat(emulator.requests()).noneMatch(r -> closed.equals(r.accountId()));
    }

    @Test
    void theOrganisationsRules_onAccounts_andOnNestedUnits_governEachAccountsPools() {
        MotoOrganization organization = LocalAws.get().organization();
        String regulatedUnit = organization.newUnit(organization.root());
        String nested = organization.newUnit(regulatedUnit);
        String regulated = organization.newAccount();
        String sandbox = organization.newAccount();
        String plain = organization.newAccount();
        organization.move(regulated, nested);
        organization.move(sandbox, nested); // its account's rule comes first
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        LocalAws.get().putParameter(parameter, """
                {"defaults": {"minHours": 24, "maxHours": 720},
                 "rules": [{"name": "sandbox", "match": {"accounts": ["%s"]}, "maxHours": 24},
                           {"name": "regulated", "match": {"organizationalUnits": ["%s"]}, "minHours": 2160}]}"""
                .formatted(sandbox, regulatedUnit));
        env.putAll(Map.of("GOVERNED_ACCOUNTS", "ORGANIZATION", "REGIONS", "", "POLICY_PARAMETER_NAME", parameter));
        for (String account : List.of(regulated, sandbox, plain)) {
            emulator.trustRoles(RoleTrust.requiringExternalId("arn:aws:iam::" + account + ":role/KvsPoolGuardMember",
                    "ext-1"));
        }
        emulator.seed(EmulatedPool.active("records", 48).withAccount(regulated),
                EmulatedPool.active("records-too", 3000).withAccount(regulated),
                EmulatedPool.active("scratch", 5000).withAccount(sandbox),
                EmulatedPool.active("calls", 5000).withAccount(plain));

        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("records", 2160), tuple("records-too", 3000), tuple("scratch", 24),
                        tuple("calls", 720));
        assertThat(EnforcerRuns.events(tap)).filteredOn(e -> e.path("detail-type").asText()
                        .equals("Pool Retention Enforced"))
                .extracting(e -> e.at("/detail/pool/name").asText(), e -> e.at("/detail/rule").asText())
                .containsExactlyInAnyOrder(tuple("records", "regulated"), tuple("scratch", "sandbox"),
                        tuple("calls", "default"));
    }

    @Test
    void whereOrganizationsCannotPlaceAnAccount_aRuleOnUnits_failsClosed_noDecrease() {
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        // a unit of an organisation this one is not: Organizations cannot place the member account in it,
        // and refuses to say where an account outside the organisation is
        LocalAws.get().putParameter(parameter, """
                {"defaults": {"minHours": 24, "maxHours": 720},
                 "rules": [{"name": "regulated", "match": {"organizationalUnits": ["ou-zz99-zzzzzzzz"]},
                            "minHours": 2160}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);
        emulator.seed(EmulatedPool.active("long", 5000).withAccount(MEMBER).withRegion("eu-west-1"),
                EmulatedPool.active("short", 1).withAccount(MEMBER).withRegion("eu-west-1"));

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("long", 5000), tuple("short", 24));
        assertThat(summary.path("counts").path("DEFERRED").asInt()).isEqualTo(1);
        assertThat(EnforcerRuns.events(tap)).filteredOn(e -> e.path("detail-type").asText()
                        .equals("Pool Retention Violation"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/message").asText())
                        .contains("rule 'regulated' could not be decided")
                        .contains("Organizations could not say where account " + MEMBER + " is"));
    }

    @Test
    void aRefusedAccount_isReportedShardByShard_whileTheOthersConverge() {
        emulator.trustRoles(RoleTrust.refusing(MEMBER_ROLE));
        emulator.seed(EmulatedPool.active("home-east", 5000), EmulatedPool.active("home-west", 5000).withRegion("eu-west-1"),
                EmulatedPool.active("member-east", 5000).withAccount(MEMBER));

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));

        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("home-east", 720), tuple("home-west", 720), tuple("member-east", 5000));
        assertThat(summary.path("failedShards")).extracting(f -> f.path("account").asText(), f -> f.path("region").asText())
                .containsExactly(tuple(MEMBER, "eu-west-1"), tuple(MEMBER, "us-east-1"));
        assertThat(summary.at("/failedShards/0/reason").asText())
                .contains("the member role could not be assumed: AccessDenied (HTTP 403");
        List<JsonNode> events = EnforcerRuns.events(tap);
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Shard Failed"))
                .extracting(e -> e.at("/detail/account").asText() + "/" + e.at("/detail/region").asText())
                .containsExactlyInAnyOrder(MEMBER + "/eu-west-1", MEMBER + "/us-east-1");
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Enforcement Run Completed"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/failedShards")).hasSize(2));
    }

    @Test
    void anUngovernedAccountsEvent_isRefused_logged_andTouchesNothing() {
        emulator.seed(EmulatedPool.active("theirs", 5000).withAccount("999999999999"));
        String arn = emulator.poolArn("999999999999", "us-east-1", "theirs");
        int logMark = CapturedLogs.mark();

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.poolEvent("pool-updated", arn));

        assertThat(summary.path("refused").asText()).contains("account 999999999999")
                .contains("which this stack does not govern");
        assertThat(emulator.requests()).isEmpty();
        assertThat(EnforcerRuns.events(tap)).isEmpty();
        assertThat(CapturedLogs.since(logMark)).anySatisfy(text -> {
            JsonNode line = EnforcerRuns.JSON.readTree(text);
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("message").asText()).isEqualTo("trigger summary");
            assertThat(line.path("refused").asText()).contains("999999999999");
        });
    }

    @Test
    void anUngovernedRegionOfAGovernedAccount_isRefusedToo() {
        String arn = emulator.poolArn(MEMBER, "ap-south-1", "far");

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.poolEvent("pool-updated", arn));

        assertThat(summary.path("refused").asText()).contains("region ap-south-1");
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void aRoleThatRefuses_leavesThePoolAlone_andSaysWhy() {
        emulator.trustRoles(RoleTrust.refusing(MEMBER_ROLE));
        emulator.seed(EmulatedPool.active("calls", 5000).withAccount(MEMBER).withRegion("eu-west-1"));
        String arn = emulator.poolArn(MEMBER, "eu-west-1", "calls");

        JsonNode summary = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.poolEvent("pool-updated", arn));

        assertThat(emulator.pools()).singleElement().extracting(EmulatedPool::dataRetentionInHours).isEqualTo(5000);
        assertThat(emulator.requests()).extracting(RecordedRequest::operation, RecordedRequest::status)
                .containsOnly(tuple(Operation.ASSUME_ROLE, 403));
        assertThat(summary.path("counts").path("FAILED").asInt()).isEqualTo(1);
        assertThat(summary.toString()).contains("the member role could not be assumed: AccessDenied (HTTP 403");
    }

    @Test
    void aForwardedEventWhosePoolIsNotOfItsAccount_isMalformed() {
        String arn = emulator.poolArn(MEMBER, "eu-west-1", "calls");
        var event = EnforcerRuns.poolEvent("pool-updated", arn).put("account", "999999999999");

        assertThatThrownBy(() -> EnforcerRuns.invoke(EnforcerRuns.handler(env), event))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("came from account 999999999999");
        assertThat(emulator.requests()).isEmpty();
    }
}
