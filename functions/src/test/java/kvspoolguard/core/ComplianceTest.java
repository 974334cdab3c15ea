package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.state.Observation;
import org.junit.jupiter.api.Test;

class ComplianceTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static Observation record(String account, String region, String name, Standing standing) {
        String arn = "arn:aws:chime:" + region + ":" + account + ":media-pipeline-kinesis-video-stream-pool/" + name;
        return Observation.builder(arn, T0).name(name).region(region).status(PoolStatus.ACTIVE).retentionHours(48)
                .standing(standing).build();
    }

    private static Standing standing(Standing.Kind kind, String rule) {
        return new Standing(kind, rule);
    }

    @Test
    void thePools_areCountedByAccountRegionAndRule_inOrder_deletedOnesLeftOut_unjudgedOnesApart() {
        List<Observation> records = List.of(
                record("222222222222", "us-east-1", "b", standing(Standing.Kind.FAILING, "default")),
                record("111111111111", "us-east-1", "a", standing(Standing.Kind.COMPLIANT, "default")),
                record("111111111111", "us-east-1", "c", standing(Standing.Kind.CHANGED, "default")),
                record("111111111111", "us-east-1", "d", standing(Standing.Kind.DEFERRED, "legal")),
                record("111111111111", "us-east-1", "e", standing(Standing.Kind.EXEMPT, null)),
                record("111111111111", "us-east-1", "f", null),
                record("111111111111", "eu-west-1", "g", standing(Standing.Kind.COMPLIANT, "default")),
                Observation.deleted(PoolRef.fromArn(
                        "arn:aws:chime:us-east-1:111111111111:media-pipeline-kinesis-video-stream-pool/gone"), T0));

        Compliance compliance = Compliance.of(records, shard -> true);

        assertThat(compliance.pools()).extracting(p -> p.pool().name()).containsExactly("g", "a", "c", "d", "e", "f",
                "b");
        assertThat(compliance.totals()).containsEntry(Standing.Kind.COMPLIANT, 2).containsEntry(Standing.Kind.CHANGED, 1)
                .containsEntry(Standing.Kind.DEFERRED, 1).containsEntry(Standing.Kind.EXEMPT, 1)
                .containsEntry(Standing.Kind.FAILING, 1);
        assertThat(compliance.unjudged()).isEqualTo(1);
        assertThat(compliance.groups()).extracting(g -> g.account() + "/" + g.region() + "/" + g.rule())
                .containsExactly("111111111111/eu-west-1/default", "111111111111/us-east-1/null",
                        "111111111111/us-east-1/default", "111111111111/us-east-1/legal",
                        "222222222222/us-east-1/default");
        Compliance.Group usDefault = compliance.groups().get(2);
        assertThat(usDefault.counts()).containsEntry(Standing.Kind.COMPLIANT, 1).containsEntry(Standing.Kind.CHANGED, 1)
                .containsEntry(Standing.Kind.FAILING, 0);
        Compliance.Group noRule = compliance.groups().get(1);
        assertThat(noRule.counts()).containsEntry(Standing.Kind.EXEMPT, 1);
        assertThat(noRule.unjudged()).isEqualTo(1);
    }

    @Test
    void onlyTheShardsCounted_areCounted() {
        Compliance compliance = Compliance.of(List.of(
                record("111111111111", "us-east-1", "a", standing(Standing.Kind.COMPLIANT, "default")),
                record("222222222222", "us-east-1", "b", standing(Standing.Kind.COMPLIANT, "default"))),
                shard -> shard.account().equals("222222222222"));

        assertThat(compliance.pools()).extracting(p -> p.pool().name()).containsExactly("b");
        assertThat(compliance.totals()).containsAllEntriesOf(Map.of(Standing.Kind.COMPLIANT, 1));
    }
}
