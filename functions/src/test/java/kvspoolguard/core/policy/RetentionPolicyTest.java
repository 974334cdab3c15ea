package kvspoolguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.testing.Pools;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Bounds DEFAULTS = Bounds.between(24, 720);

    private static RetentionPolicy policy(Rule... rules) {
        return RetentionPolicy.builder().defaults(DEFAULTS).rules(List.of(rules)).exemptTag(ExemptTag.DEFAULT).source("test")
                .version("1").build();
    }

    @Test
    void verdictFor_poolAboveMax_changesToMax() {
        assertThat(policy().verdictFor(Pools.active("p", 2400)))
                .isEqualTo(Verdict.Change.builder().fromHours(2400).toHours(720).rule("default").bounds(DEFAULTS).build());
    }

    @Test
    void verdictFor_poolWithinBounds_isCompliant() {
        assertThat(policy().verdictFor(Pools.active("p", 48))).isEqualTo(new Verdict.Compliant("default", DEFAULTS));
    }

    @Test
    void verdictFor_firstMatchingRuleWins() {
        RetentionPolicy policy = policy(
                new Rule("legal", PoolMatch.name("legal-*"), Bounds.exactly(87_600)),
                new Rule("everything-else-short", PoolMatch.any(), Bounds.between(1, 24)));

        assertThat(policy.verdictFor(Pools.active("legal-eu", 100)))
                .isEqualTo(Verdict.Change.builder().fromHours(100).toHours(87_600).rule("legal")
                        .bounds(Bounds.exactly(87_600)).build());
        assertThat(policy.verdictFor(Pools.active("sales", 100)))
                .isEqualTo(Verdict.Change.builder().fromHours(100).toHours(24).rule("everything-else-short")
                        .bounds(Bounds.between(1, 24)).build());
    }

    @Test
    void verdictFor_exemptTag_isExempt_evenWhenOutOfBounds() {
        Pool pool = Pools.active("hold", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true"));

        assertThat(policy().verdictFor(pool)).isInstanceOf(Verdict.Exempt.class);
    }

    @Test
    void verdictFor_exemptTagWithOtherValue_isNotExempt() {
        Pool pool = Pools.active("hold", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "false"));

        assertThat(policy().verdictFor(pool)).isInstanceOf(Verdict.Change.class);
    }

    @Test
    void verdictFor_nonActivePoolOutOfBounds_isDeferredWithTheWantedChange() {
        Pool updating = Pools.pool("busy", 4000, PoolStatus.UPDATING, Map.of(), "us-east-1");

        assertThat(policy().verdictFor(updating)).isEqualTo(new Verdict.Deferred("pool is UPDATING",
                Verdict.Change.builder().fromHours(4000).toHours(720).rule("default").bounds(DEFAULTS).build()));
    }

    @Test
    void verdictFor_nonActiveCompliantPool_isCompliant() {
        Pool creating = Pools.pool("new", 48, PoolStatus.CREATING, Map.of(), "us-east-1");

        assertThat(policy().verdictFor(creating)).isInstanceOf(Verdict.Compliant.class);
    }

    @Test
    void needsTags_onlyWhenTheExemptionOrARuleLooksAtTags() {
        Rule byTag = new Rule("t", new PoolMatch(null, Map.of("team", "*"), List.of()), DEFAULTS);
        Rule byName = new Rule("n", PoolMatch.name("x*"), DEFAULTS);

        assertThat(RetentionPolicy.builder().defaults(DEFAULTS).rules(List.of(byName)).build().needsTags()).isFalse();
        assertThat(RetentionPolicy.builder().defaults(DEFAULTS).rules(List.of(byName, byTag)).build().needsTags()).isTrue();
        assertThat(policy(byName).needsTags()).isTrue();
    }

    @Test
    void construction_refusesDuplicateOrReservedRuleNames() {
        Rule a = new Rule("a", PoolMatch.any(), DEFAULTS);

        assertThatThrownBy(() -> policy(a, a)).isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> policy(new Rule("default", PoolMatch.any(), DEFAULTS)))
                .isInstanceOf(InvalidPolicyException.class);
    }

    @Test
    void poolMatch_combinesNameTagsAndStreamRegion() {
        PoolMatch match = new PoolMatch("cc-??-*", Map.of("team", "voice", "tier", "*"), List.of("eu-west-1"));
        Pool pool = Pools.pool("cc-eu-main", 24, PoolStatus.ACTIVE, Map.of("team", "voice", "tier", "gold"),
                "eu-west-1");

        assertThat(match.matches(pool)).isTrue();
        assertThat(match.matches(pool.withTags(Map.of("team", "voice")))).as("tier missing").isFalse();
        assertThat(match.matches(Pools.pool("cc-eu-main", 24, PoolStatus.ACTIVE, pool.tags(), "us-east-1")))
                .as("other stream region").isFalse();
        assertThat(match.matches(Pools.pool("cc-e-main", 24, PoolStatus.ACTIVE, pool.tags(), "eu-west-1")))
                .as("? is exactly one character").isFalse();
        assertThat(PoolMatch.name("a.b").matches(Pools.active("aXb", 1))).as("dots are literal").isFalse();
    }

    private static final Bounds LIMITS = Bounds.between(24, 2160);

    private static RetentionPolicy limited(Rule... rules) {
        return RetentionPolicy.builder().defaults(DEFAULTS).rules(List.of(rules)).exemptTag(ExemptTag.DEFAULT)
                .source("test").limits(LIMITS).build();
    }

    @Test
    void limits_boundAPoolExemptByItsTag_whichIsExemptOnlyWithinThem() {
        Pool within = Pools.active("hold", 2000).withTags(Map.of("kvs-pool-guard:exempt", "true"));
        Pool past = Pools.active("hold", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true"));
        Pool updating = Pools.pool("busy", 1, PoolStatus.UPDATING, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1");

        assertThat(limited().verdictFor(within)).isInstanceOf(Verdict.Exempt.class);
        assertThat(limited().verdictFor(past)).isEqualTo(Verdict.Change.builder().fromHours(87_600).toHours(2160)
                .rule(RetentionPolicy.LIMITS_RULE).bounds(LIMITS).build());
        assertThat(limited().verdictFor(updating)).isEqualTo(new Verdict.Deferred("pool is UPDATING",
                Verdict.Change.builder().fromHours(1).toHours(24).rule(RetentionPolicy.LIMITS_RULE).bounds(LIMITS)
                        .build()));
        assertThat(limited().bindingRule(past).bounds()).isEqualTo(LIMITS);
        assertThat(policy().bindingRule(past)).as("no limits: an exempt pool keeps any value").isNull();
    }

    @Test
    void limits_refuseTheDefaultsOrARuleOutsideThem_andARuleNamedLimits() {
        assertThatThrownBy(() -> limited(new Rule("legal", PoolMatch.name("legal-*"), Bounds.exactly(87_600))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("rules[0]: rule 'legal' allows exactly 87600 hours, outside the limits 24..2160 hours");
        assertThatThrownBy(() -> limited(new Rule("short", PoolMatch.any(), new Bounds(null, 48, null))))
                .as("no minHours: it allows 1 hour, below the limits").isInstanceOf(InvalidPolicyException.class);
        assertThatThrownBy(() -> limited(new Rule("limits", PoolMatch.any(), DEFAULTS)))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("'limits' names the limits");
        assertThatThrownBy(() -> RetentionPolicy.builder().defaults(Bounds.between(1, 720)).limits(LIMITS).build())
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("defaults: allow 1..720 hours, outside the limits 24..2160 hours");
        assertThat(limited(new Rule("week", PoolMatch.any(), Bounds.exactly(168))).rules()).hasSize(1);
    }

    @Test
    void poolMatch_byAccount_holdsForThePoolsOfTheAccountsListedOnly() {
        Pool home = Pools.active("calls", 720); // of account 123456789012
        Rule payments = new Rule("payments", PoolMatch.builder().accounts(List.of("210987654321")).build(),
                Bounds.between(24, 168));
        Rule ours = new Rule("ours", PoolMatch.builder().accounts(List.of("123456789012")).build(),
                Bounds.between(24, 168));

        assertThat(policy(payments).verdictFor(home)).isEqualTo(new Verdict.Compliant("default", DEFAULTS));
        assertThat(policy(ours).verdictFor(home)).isEqualTo(Verdict.Change.builder().fromHours(720).toHours(168)
                .rule("ours").bounds(Bounds.between(24, 168)).build());
        assertThatThrownBy(() -> PoolMatch.builder().accounts(List.of("1234")).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("12 digits");
    }
}
