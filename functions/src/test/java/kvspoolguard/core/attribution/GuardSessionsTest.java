package kvspoolguard.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.pool.PoolRef;
import org.junit.jupiter.api.Test;

class GuardSessionsTest {

    private static final String HOME = "111111111111";
    private static final String MEMBER = "222222222222";
    private static final String ENFORCER = "arn:aws:iam::111111111111:role/kvs-pool-guard/prod/prod-EnforcerRole-1A2B";
    private static final GuardSessions SESSIONS = new GuardSessions(HOME, java.util.Set.of(ENFORCER,
            "arn:aws:iam::111111111111:role/kvs-pool-guard/prod/prod-PoolApiRole-3C4D"), "KvsPoolGuardMember");

    private static PoolCall call(String account, String issuer) {
        PoolRef pool = PoolRef.fromArn("arn:aws:chime:us-east-1:" + account
                + ":media-pipeline-kinesis-video-stream-pool/p");
        return PoolCall.builder("c", PoolCall.Action.UPDATE, pool)
                .actor(Actor.recorded(null).sessionIssuerArn(issuer).build()).requestedHours(24).at(Instant.EPOCH).build();
    }

    @Test
    void atHome_exactlyTheStacksFunctionRoles_areItsOwn() {
        assertThat(SESSIONS.own(call(HOME, ENFORCER))).isTrue();
        assertThat(SESSIONS.own(call(HOME, "arn:aws:iam::111111111111:role/kvs-pool-guard/prod/prod-Intruder")))
                .as("another role on the same path").isFalse();
        assertThat(SESSIONS.own(call(HOME, "arn:aws:iam::111111111111:role/kvs-pool-guard/staging/x"))).isFalse();
        assertThat(SESSIONS.own(call(HOME, "arn:aws:iam::111111111111:role/Admin"))).isFalse();
        assertThat(SESSIONS.own(call(HOME, "arn:aws:iam::111111111111:role/KvsPoolGuardMember")))
                .as("the member role's name means nothing at home").isFalse();
    }

    @Test
    void inAMember_theMemberRole_isItsOwn_andNothingElse() {
        assertThat(SESSIONS.own(call(MEMBER, "arn:aws:iam::222222222222:role/KvsPoolGuardMember"))).isTrue();
        assertThat(SESSIONS.own(call(MEMBER, "arn:aws:iam::222222222222:role/ops/KvsPoolGuardMember"))).isTrue();
        assertThat(SESSIONS.own(call(MEMBER, "arn:aws:iam::222222222222:role/KvsPoolGuardMemberX"))).isFalse();
        assertThat(SESSIONS.own(call(MEMBER, "arn:aws:iam::333333333333:role/KvsPoolGuardMember")))
                .as("another account's role").isFalse();
    }

    @Test
    void usersAndMissingIssuers_areNeverItsOwn() {
        assertThat(SESSIONS.own(call(HOME, null))).isFalse();
        assertThat(SESSIONS.own(call(HOME, "arn:aws:iam::111111111111:user/kvs-pool-guard/prod/x"))).isFalse();
        assertThat(SESSIONS.own(call(HOME, "not an arn"))).isFalse();
    }
}
