package kvspoolguard.core.policy;

import static kvspoolguard.testing.Pools.JUDGING;
import static kvspoolguard.testing.Pools.NO_ORGANIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.AccountDirectoryException;
import kvspoolguard.core.pool.Placements;
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
        assertThat(policy().verdictFor(Pools.active("p", 2400), JUDGING))
                .isEqualTo(Verdict.Change.builder().fromHours(2400).toHours(720).rule("default").bounds(DEFAULTS).build());
    }

    @Test
    void verdictFor_poolWithinBounds_isCompliant() {
        assertThat(policy().verdictFor(Pools.active("p", 48), JUDGING)).isEqualTo(new Verdict.Compliant("default", DEFAULTS));
    }

    @Test
    void verdictFor_firstMatchingRuleWins() {
        RetentionPolicy policy = policy(
                new Rule("legal", PoolMatch.name("legal-*"), Bounds.exactly(87_600)),
                new Rule("everything-else-short", PoolMatch.any(), Bounds.between(1, 24)));

        assertThat(policy.verdictFor(Pools.active("legal-eu", 100), JUDGING))
                .isEqualTo(Verdict.Change.builder().fromHours(100).toHours(87_600).rule("legal")
                        .bounds(Bounds.exactly(87_600)).build());
        assertThat(policy.verdictFor(Pools.active("sales", 100), JUDGING))
                .isEqualTo(Verdict.Change.builder().fromHours(100).toHours(24).rule("everything-else-short")
                        .bounds(Bounds.between(1, 24)).build());
    }

    @Test
    void verdictFor_exemptTag_isExempt_evenWhenOutOfBounds() {
        Pool pool = Pools.active("hold", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true"));

        assertThat(policy().verdictFor(pool, JUDGING)).isInstanceOf(Verdict.Exempt.class);
    }

    @Test
    void verdictFor_exemptTagWithOtherValue_isNotExempt() {
        Pool pool = Pools.active("hold", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "false"));

        assertThat(policy().verdictFor(pool, JUDGING)).isInstanceOf(Verdict.Change.class);
    }

    @Test
    void verdictFor_nonActivePoolOutOfBounds_isDeferredWithTheWantedChange() {
        Pool updating = Pools.pool("busy", 4000, PoolStatus.UPDATING, Map.of(), "us-east-1");

        assertThat(policy().verdictFor(updating, JUDGING)).isEqualTo(new Verdict.Deferred("pool is UPDATING",
                Verdict.Change.builder().fromHours(4000).toHours(720).rule("default").bounds(DEFAULTS).build()));
    }

    @Test
    void verdictFor_nonActiveCompliantPool_isCompliant() {
        Pool creating = Pools.pool("new", 48, PoolStatus.CREATING, Map.of(), "us-east-1");

        assertThat(policy().verdictFor(creating, JUDGING)).isInstanceOf(Verdict.Compliant.class);
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

        assertThat(match.matches(pool, NO_ORGANIZATION)).isTrue();
        assertThat(match.matches(pool.withTags(Map.of("team", "voice")), NO_ORGANIZATION)).as("tier missing").isFalse();
        assertThat(match.matches(Pools.pool("cc-eu-main", 24, PoolStatus.ACTIVE, pool.tags(), "us-east-1"), NO_ORGANIZATION))
                .as("other stream region").isFalse();
        assertThat(match.matches(Pools.pool("cc-e-main", 24, PoolStatus.ACTIVE, pool.tags(), "eu-west-1"), NO_ORGANIZATION))
                .as("? is exactly one character").isFalse();
        assertThat(PoolMatch.name("a.b").matches(Pools.active("aXb", 1), NO_ORGANIZATION)).as("dots are literal").isFalse();
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

        assertThat(limited().verdictFor(within, JUDGING)).isInstanceOf(Verdict.Exempt.class);
        assertThat(limited().verdictFor(past, JUDGING)).isEqualTo(Verdict.Change.builder().fromHours(87_600).toHours(2160)
                .rule(RetentionPolicy.LIMITS_RULE).bounds(LIMITS).build());
        assertThat(limited().verdictFor(updating, JUDGING)).isEqualTo(new Verdict.Deferred("pool is UPDATING",
                Verdict.Change.builder().fromHours(1).toHours(24).rule(RetentionPolicy.LIMITS_RULE).bounds(LIMITS)
                        .build()));
        assertThat(limited().bindingRule(past, JUDGING).rule().bounds()).isEqualTo(LIMITS);
        assertThat(policy().bindingRule(past, JUDGING).rule()).as("no limits: an exempt pool keeps any value").isNull();
    }

    @Test
    void limits_refuseTheDefaultsOrARuleOutsideThem_andARuleNamedLimits() {
        assertThatThrownBy(() -> limited(new Rule("legal", PoolMatch.name("legal-*"), Bounds.exactly(87_600))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("rules[0]: rule 'legal' allows exactly 87600 hours, outside the limits 24..2160 hours");
        assertThatThrownBy(() -> limited(new Rule("short", PoolMatch.any(), new Bounds(null, 48, null))))
                .as("no minHours: it allows 1 hour, below the limits").isInstanceOf(InvalidPolicyException.class);
        assertThatThrownBy(() -> limited(new Rule("limits", PoolMatch.any(), DEFAULTS)))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("not 'default' or 'limits'");
        assertThatThrownBy(() -> policy(new Rule("limits", PoolMatch.any(), DEFAULTS)))
                .as("reserved in a document without limits too: a pool held to them reads as exempt")
                .isInstanceOf(InvalidPolicyException.class);
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

        assertThat(policy(payments).verdictFor(home, JUDGING)).isEqualTo(new Verdict.Compliant("default", DEFAULTS));
        assertThat(policy(ours).verdictFor(home, JUDGING)).isEqualTo(Verdict.Change.builder().fromHours(720).toHours(168)
                .rule("ours").bounds(Bounds.between(24, 168)).build());
        assertThatThrownBy(() -> PoolMatch.builder().accounts(List.of("1234")).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("12 digits");
    }

    /** Organizations as a map from account to the units above it; an account not in it cannot be placed. */
    private static final class Organization implements AccountDirectory {
        final Map<String, List<String>> units;
        final List<String> asked = new java.util.ArrayList<>();

        Organization(Map<String, List<String>> units) {
            this.units = units;
        }

        @Override
        public List<String> activeAccounts(List<String> under) {
            throw new AssertionError("not asked for the accounts");
        }

        @Override
        public synchronized List<String> unitsAbove(String account) {
            asked.add(account);
            List<String> above = units.get(account);
            if (above == null) {
                throw new AccountDirectoryException("Organizations could not say where account " + account
                        + " is: AccessDenied", null);
            }
            return above;
        }
    }

    private static final String PARENT = "ou-ab12-11111111";
    private static final String CHILD = "ou-ab12-22222222";
    private static final Rule REGULATED = new Rule("regulated",
            PoolMatch.builder().organizationalUnits(List.of(PARENT)).build(), Bounds.between(2160, 8760));
    private static final Rule SHORT = new Rule("short", PoolMatch.any(), Bounds.between(1, 24));

    @Test
    void poolMatch_byUnit_holdsForTheAccountsInTheUnitOrBelowIt_askingOncePerAccount() {
        Organization organization = new Organization(Map.of("123456789012", List.of(CHILD, PARENT),
                "210987654321", List.of("ou-ab12-33333333")));
        Judging places = new Judging(new Placements(organization), Pools.NOW);
        Pool below = Pools.active("calls", 48);
        Pool elsewhere = below.toBuilder().arn("arn:aws:chime:us-east-1:210987654321:media-pipeline-kinesis-video-"
                + "stream-pool/calls").build();

        assertThat(policy(REGULATED).verdictFor(below, places)).isEqualTo(Verdict.Change.builder().fromHours(48)
                .toHours(2160).rule("regulated").bounds(REGULATED.bounds()).build());
        assertThat(policy(REGULATED).verdictFor(elsewhere, places)).isEqualTo(new Verdict.Compliant("default", DEFAULTS));
        assertThat(policy(REGULATED).verdictFor(below.toBuilder().name("other").build(), places))
                .isInstanceOf(Verdict.Change.class);
        assertThat(organization.asked).as("once per account, for every pool of it")
                .containsExactly("123456789012", "210987654321");
        assertThat(policy(SHORT).needsPlacement()).isFalse();
        assertThat(policy(SHORT).verdictFor(below, new Judging(new Placements(new Organization(Map.of())), Pools.NOW)))
                .as("no rule on units: Organizations is never asked").isInstanceOf(Verdict.Change.class);
        assertThatThrownBy(() -> PoolMatch.builder().organizationalUnits(List.of("r-ab12")).build())
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("organizational unit id");
    }

    @Test
    void anUndecidedRuleOnUnits_defersADecrease_makesAnIncrease_andSaysWhy() {
        Judging unknown = new Judging(new Placements(new Organization(Map.of())), Pools.NOW);
        RetentionPolicy policy = policy(REGULATED, SHORT);

        Verdict decrease = policy.verdictFor(Pools.active("long", 720), unknown);
        Verdict increase = policy.verdictFor(Pools.active("none", null), unknown);

        assertThat(decrease).isInstanceOfSatisfying(Verdict.Deferred.class, d -> {
            assertThat(d.reason()).isEqualTo("rule 'regulated' could not be decided: Organizations could not say "
                    + "where account 123456789012 is: AccessDenied");
            assertThat(d.wanted().toHours()).isEqualTo(24);
            assertThat(d.wanted().rule()).isEqualTo("short");
        });
        assertThat(increase).isEqualTo(Verdict.Change.builder().toHours(1).rule("short").bounds(SHORT.bounds())
                .build());
        assertThat(policy.verdictFor(Pools.active("fine", 12), unknown)).isEqualTo(new Verdict.Compliant("short",
                SHORT.bounds()));
        assertThat(policy.bindingRule(Pools.active("long", 720), unknown).undecided()).contains("regulated");
    }

    private static final java.time.Instant UNTIL = java.time.Instant.parse("2027-04-01T00:00:00Z");

    @Test
    void aListedExemption_coversItsPools_pastTheLimits_untilItEnds() {
        Exemption legal = new Exemption("arn:aws:chime:*:123456789012:media-pipeline-kinesis-video-stream-pool/legal-*",
                "matter 2026-114", Exemption.until("2027-03-31"));
        Exemption account = new Exemption("210987654321", "a sandbox account", UNTIL);
        RetentionPolicy policy = RetentionPolicy.builder().defaults(DEFAULTS).limits(Bounds.between(24, 2160))
                .exemptions(List.of(legal, account)).source("test").build();
        Pool held = Pools.active("legal-114", 87_600);
        Pool other = Pools.active("calls", 87_600);
        Pool sandbox = other.toBuilder().arn("arn:aws:chime:us-east-1:210987654321:media-pipeline-kinesis-video-"
                + "stream-pool/calls").build();

        assertThat(legal.until()).as("a date: through that whole day, UTC").isEqualTo(UNTIL);
        assertThat(policy.verdictFor(held, JUDGING)).isEqualTo(new Verdict.Exempt(Verdict.Exempt.Basis.LISTED,
                "listed until 2027-04-01T00:00:00Z: matter 2026-114", UNTIL));
        assertThat(policy.verdictFor(sandbox, JUDGING)).isInstanceOf(Verdict.Exempt.class);
        assertThat(policy.verdictFor(other, JUDGING)).isInstanceOf(Verdict.Change.class);
        assertThat(policy.bindingRule(held, JUDGING).rule()).as("a listed pool takes any value").isNull();
        assertThat(policy.verdictFor(held, Judging.at(UNTIL))).as("ended: judged again")
                .isEqualTo(Verdict.Change.builder().fromHours(87_600).toHours(720).rule("default").bounds(DEFAULTS)
                        .build());
        assertThat(policy.verdictFor(held, Judging.at(UNTIL.minusMillis(1)))).isInstanceOf(Verdict.Exempt.class);
    }

    @Test
    void anExemption_namesItsPoolsAReasonAndAnEnd() {
        assertThatThrownBy(() -> new Exemption("legal-*", "why", UNTIL)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("pools must be a pool's ARN");
        assertThatThrownBy(() -> new Exemption("123456789012", " ", UNTIL)).hasMessageContaining("reason");
        assertThatThrownBy(() -> Exemption.until("next spring")).hasMessageContaining("until must be a date");
        assertThat(Exemption.until("2027-03-31T12:00:00Z")).isEqualTo(java.time.Instant.parse("2027-03-31T12:00:00Z"));
    }

    @Test
    void theTag_exemptsOnlyWhereItIsOn() {
        Pool tagged = Pools.pool("mine", 87_600, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1");
        RetentionPolicy off = RetentionPolicy.builder().defaults(DEFAULTS).source("test").build();

        assertThat(off.verdictFor(tagged, JUDGING)).isInstanceOf(Verdict.Change.class);
        assertThat(policy().verdictFor(tagged, JUDGING)).isEqualTo(new Verdict.Exempt(Verdict.Exempt.Basis.TAG,
                "tagged kvs-pool-guard:exempt=true", null));
    }
}
