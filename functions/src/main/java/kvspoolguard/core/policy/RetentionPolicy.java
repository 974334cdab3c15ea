package kvspoolguard.core.policy;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;

/**
 * The retention policy in force: rules matched in order (first match wins), default bounds for a
 * pool no rule matches, and the exemption tag (null: no exemption). {@code source} and
 * {@code version} say where it came from, for reports and the API. {@code limits} (null: none)
 * bound every rule and the defaults, and a pool exempt by its tag too: no tag takes a pool past them.
 * {@code exemptions} are those the document lists, each until its time: only they take a pool past
 * the limits.
 */
@RecordBuilder
public record RetentionPolicy(Bounds defaults, List<Rule> rules, ExemptTag exemptTag, String source,
                              String version, Bounds limits, List<Exemption> exemptions) {

    public static final String DEFAULT_RULE = "default";
    /** The rule name of the limits, where they bound a pool exempt by its tag. */
    public static final String LIMITS_RULE = "limits";

    public RetentionPolicy {
        Objects.requireNonNull(defaults, "defaults");
        rules = rules == null ? List.of() : List.copyOf(rules);
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name()) || DEFAULT_RULE.equals(rule.name()) || LIMITS_RULE.equals(rule.name())) {
                throw new InvalidPolicyException("rule names must be unique and not '" + DEFAULT_RULE + "' or '"
                        + LIMITS_RULE + "', got '" + rule.name() + "' twice or reserved");
            }
        }
        if (limits != null) {
            if (!defaults.within(limits)) {
                throw new InvalidPolicyException("defaults: allow " + defaults.describe() + ", outside the limits "
                        + limits.describe());
            }
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (!rule.bounds().within(limits)) {
                    throw new InvalidPolicyException("rules[" + i + "]: rule '" + rule.name() + "' allows "
                            + rule.bounds().describe() + ", outside the limits " + limits.describe());
                }
            }
        }
    }

    /** A policy by name: its defaults, rules (none unless set), exemption tag, source and version. */
    public static RetentionPolicyBuilder builder() {
        return RetentionPolicyBuilder.builder();
    }

    /** This policy, known by {@code value} as its version. */
    public RetentionPolicy withVersion(String value) {
        return new RetentionPolicy(defaults, rules, exemptTag, source, value, limits, exemptions);
    }

    /** Only default bounds: what applies when no policy document is configured. */
    public static RetentionPolicy defaultsOnly(Bounds defaults, ExemptTag exemptTag) {
        return new RetentionPolicy(defaults, List.of(), exemptTag, "defaults", "defaults", null, List.of());
    }

    /** Tags must be fetched for each pool only when some rule or the exemption looks at them. */
    public boolean needsTags() {
        return exemptTag != null || rules.stream().anyMatch(r -> r.match().needsTags());
    }

    /** True when a rule looks at where the pools' accounts are in the organisation. */
    public boolean needsPlacement() {
        return rules.stream().anyMatch(r -> r.match().needsPlacement());
    }

    /**
     * The rule that governs a pool, and why a rule before it could not be decided (null: each
     * was). A rule on units is passed over when Organizations cannot say where the pool's account is:
     * the pool is judged by the first rule that can be decided (fail closed, see {@link #verdictFor}).
     */
    public record Governing(Rule rule, String undecided) {
    }

    /** The rule that governs a pool: the first that matches, or the defaults. */
    public Governing ruleFor(Pool pool, Placements places) {
        String undecided = null;
        for (Rule rule : rules) {
            if (rule.match().needsPlacement() && !places.of(pool).known()) {
                undecided = undecided == null ? "rule '" + rule.name() + "' could not be decided: "
                        + places.of(pool).unknownBecause() : undecided;
            } else if (rule.match().matches(pool, places)) {
                return new Governing(rule, undecided);
            }
        }
        return new Governing(new Rule(DEFAULT_RULE, PoolMatch.any(), defaults), undecided);
    }

    /** True when the pool's tag exempts it from the rules (not from the limits). */
    public boolean exemptByTag(Pool pool) {
        return exemptTag != null && exemptTag.exempts(pool);
    }

    /** The listed exemption that holds for the pool at {@code at}, the one that lasts longest; null: none. */
    public Exemption listedFor(Pool pool, Instant at) {
        return exemptions.stream().filter(e -> e.holdsAt(at) && e.covers(pool))
                .max(Comparator.comparing(Exemption::until)).orElse(null);
    }

    /**
     * What exempts the pool at {@code at}: a listed exemption, else its tag (where the tag is on);
     * null when nothing does. A pool exempt by its tag may still be past the limits (see
     * {@link #verdictFor}).
     */
    public Verdict.Exempt exemptionOf(Pool pool, Instant at) {
        Exemption listed = listedFor(pool, at);
        if (listed != null) {
            return new Verdict.Exempt(Verdict.Exempt.Basis.LISTED, "listed until " + listed.until() + ": "
                    + listed.reason(), listed.until());
        }
        return exemptByTag(pool) ? byTag() : null;
    }

    private Verdict.Exempt byTag() {
        return new Verdict.Exempt(Verdict.Exempt.Basis.TAG, "tagged " + exemptTag.key() + "=" + exemptTag.value(), null);
    }

    /**
     * The rule whose bounds a value set on the pool must keep to: its rule; for a pool exempt by its
     * tag, the limits; for a listed one, none (rule null: any value).
     */
    public Governing bindingRule(Pool pool, Judging judging) {
        if (listedFor(pool, judging.at()) != null) {
            return new Governing(null, null);
        }
        if (!exemptByTag(pool)) {
            return ruleFor(pool, judging.places());
        }
        return new Governing(limits == null ? null : new Rule(LIMITS_RULE, PoolMatch.any(), limits), null);
    }

    /**
     * A pool the document lists is exempt until its exemption ends. A pool exempt by its tag is
     * exempt while within the limits; past them, the limits are its rule. Where a rule on units could
     * not be decided, a decrease is deferred (it would delete audio under a rule that may not be the
     * pool's); an increase goes ahead.
     */
    public Verdict verdictFor(Pool pool, Judging judging) {
        Exemption listed = listedFor(pool, judging.at());
        if (listed != null) {
            return exemptionOf(pool, judging.at());
        }
        Governing governing = bindingRule(pool, judging);
        Verdict verdict = judged(pool, governing.rule());
        if (governing.undecided() != null && verdict instanceof Verdict.Change change && change.decreases()) {
            return new Verdict.Deferred(governing.undecided(), change);
        }
        return verdict;
    }

    /**
     * The most hours the policy could take from a pool known only by its name, account and
     * retention (the state's record of it: no tags, no stream region): the deepest lowering of any
     * rule that could match it (its tag and region conditions taken to hold), up to the first that
     * surely does, else the defaults too; 0 when none lowers it. An exemption is not counted on: an
     * estimate that errs towards holding a version for approval.
     */
    public int mostLoweringOf(Pool pool, Judging judging) {
        int current = currentOf(pool);
        int deepest = 0;
        for (Rule rule : rules) {
            if (rule.match().mayMatch(pool, judging.places())) {
                deepest = Math.max(deepest, current - rule.bounds().requiredFor(pool.retentionHours()));
                if (rule.match().surelyMatches(pool, judging.places())) {
                    return deepest; // no later rule, nor the defaults, can govern it
                }
            }
        }
        return Math.max(deepest, current - defaults.requiredFor(pool.retentionHours()));
    }

    private Verdict judged(Pool pool, Rule rule) {
        int current = currentOf(pool);
        int required = rule == null ? current : rule.bounds().requiredFor(pool.retentionHours());
        if (exemptByTag(pool) && required == current) {
            return byTag();
        }
        if (required == current) {
            return new Verdict.Compliant(rule.name(), rule.bounds());
        }
        Verdict.Change change = Verdict.Change.under(rule, pool.retentionHours(), required);
        return pool.status() == PoolStatus.ACTIVE ? change
                : new Verdict.Deferred("pool is " + pool.status(), change);
    }

    private static int currentOf(Pool pool) {
        return pool.retentionHours() == null ? 0 : pool.retentionHours();
    }
}
