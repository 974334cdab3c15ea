package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.local.lambda.LocalFunction;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sam-built enforcer governing a member account as well as its own, in two regions: pool state
 * changes forwarded from the member account and from a region other than the stack's are corrected
 * through the member role; an account it does not govern gets nothing done.
 */
class MemberAccountsEndToEndTest {

    private static final String HOME = "123456789012";
    private static final String MEMBER = "210987654321";
    private static final String MEMBER_ROLE = "arn:aws:iam::" + MEMBER + ":role/KvsPoolGuardMember";

    private static final BuiltStack STACK = BuiltStack.get();
    private static LocalFunction enforcer;

    @BeforeAll
    static void governingAMemberAccount() {
        enforcer = STACK.variant("RetentionEnforcerFunction", 60, Map.of("GOVERNED_ACCOUNTS", MEMBER,
                "REGIONS", "eu-west-1", "MEMBER_EXTERNAL_ID", "kvs-pool-guard-e2e"));
    }

    @AfterAll
    static void stop() {
        enforcer.close();
    }

    @BeforeEach
    void freshFleet() {
        STACK.chime.reset();
        STACK.chime.trustRoles(RoleTrust.requiringExternalId(MEMBER_ROLE, "kvs-pool-guard-e2e"));
        STACK.tap.drain();
    }

    @Test
    void forwardedChanges_ofAMemberAccount_andOfAnotherRegion_areCorrected() {
        STACK.chime.seed(EmulatedPool.active("member-calls", 5000).withAccount(MEMBER).withRegion("eu-west-1"),
                EmulatedPool.active("home-west", 9000).withRegion("eu-west-1"));

        Invocation member = enforcer.invoke(forwarded(STACK.chime.poolArn(MEMBER, "eu-west-1", "member-calls")));
        Invocation homeWest = enforcer.invoke(forwarded(STACK.chime.poolArn(HOME, "eu-west-1", "home-west")));

        assertThat(member.failed()).as(member.payloadText()).isFalse();
        assertThat(homeWest.failed()).as(homeWest.payloadText()).isFalse();
        assertThat(STACK.chime.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("member-calls", 720), tuple("home-west", 720));
        assertThat(STACK.chime.requests()).filteredOn(r -> r.operation() == Operation.UPDATE_POOL)
                .extracting(RecordedRequest::accountId, RecordedRequest::region)
                .containsExactlyInAnyOrder(tuple(MEMBER, "eu-west-1"), tuple(HOME, "eu-west-1"));
        List<JsonNode> enforced = STACK.tap.drain().stream()
                .filter(e -> e.path("detail-type").asText().equals("Pool Retention Enforced")).toList();
        assertThat(enforced).extracting(e -> e.at("/detail/pool/account").asText(),
                e -> e.at("/detail/pool/region").asText())
                .containsExactlyInAnyOrder(tuple(MEMBER, "eu-west-1"), tuple(HOME, "eu-west-1"));
    }

    @Test
    void anUngovernedAccountsEvent_changesNothing() {
        STACK.chime.seed(EmulatedPool.active("stranger", 5000).withAccount("999999999999"));

        Invocation run = enforcer.invoke(forwarded(STACK.chime.poolArn("999999999999", "us-east-1", "stranger")));

        assertThat(run.failed()).as("refusing is the answer, not a failure to retry").isFalse();
        assertThat(BuiltStack.json(run.payload()).path("refused").asText()).contains("999999999999");
        assertThat(STACK.chime.requests()).isEmpty();
        assertThat(STACK.chime.pools()).singleElement().extracting(EmulatedPool::dataRetentionInHours).isEqualTo(5000);
        assertThat(STACK.tap.drain()).isEmpty();
    }

    /** pool-updated.json as a member's rule forwards it: from the account and region the pool is in. */
    private static byte[] forwarded(String poolArn) {
        try {
            ObjectNode event = (ObjectNode) BuiltStack.JSON.readTree(BuiltStack.sample("pool-updated.json", poolArn));
            String[] arn = poolArn.split(":");
            event.put("account", arn[4]).put("region", arn[3]);
            return BuiltStack.JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
