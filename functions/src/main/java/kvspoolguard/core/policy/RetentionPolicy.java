package kvspoolguard.core.policy;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;

/**
 * The retention policy in force: rules matched in order (first match wins), default bounds for a
 * pool no rule matches, and the exemption tag (null: no exemption). {@code source} and
 * {@code version} say where it came from, for reports and the API.
 */
@RecordBuilder
public record RetentionPolicy(Bounds defaults, List<Rule> rules, ExemptTag exemptTag, String source,
                              String version) {

    public static final String DEFAULT_RULE = "default";

    public RetentionPolicy {
        Objects.requireNonNull(defaults, "defaults");
        rules = rules == null ? List.of() : List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name()) || DEFAULT_RULE.equals(rule.name())) {
                throw new InvalidPolicyException("rule names must be unique and not '" + DEFAULT_RULE
                        + "', got '" + rule.name() + "' twice or reserved");
            }
        }
    }

    /** A policy by name: its defaults, rules (none unless set), exemption tag, source and version. */
    public static RetentionPolicyBuilder builder() {
        return RetentionPolicyBuilder.builder();
    }

    /** This policy, known by {@code value} as its version. */
    public RetentionPolicy withVersion(String value) {
        return new RetentionPolicy(defaults, rules, exemptTag, source, value);
    }

    /** Only default bounds: what applies when no policy document is configured. */
    public static RetentionPolicy defaultsOnly(Bounds defaults, ExemptTag exemptTag) {
        return new RetentionPolicy(defaults, List.of(), exemptTag, "defaults", "defaults");
    }

    /** Tags must be fetched for each pool only when some rule or the exemption looks at them. */
    public boolean needsTags() {
        return exemptTag != null || rules.stream().anyMatch(r -> r.match().needsTags());
    }

    /** The rule that governs a pool: the first that matches, or the defaults. */
    public Rule ruleFor(Pool pool) {
        return rules.stream().filter(r -> r.match().matches(pool)).findFirst()
                .orElseGet(() -> new Rule(DEFAULT_RULE, PoolMatch.any(), defaults));
    }

    public Verdict verdictFor(Pool pool) {
        if (exemptTag != null && exemptTag.exempts(pool)) {
            return new Verdict.Exempt("tagged " + exemptTag.key() + "=" + exemptTag.value());
        }
        Rule rule = ruleFor(pool);
        int required = rule.bounds().requiredFor(pool.retentionHours());
        int current = pool.retentionHours() == null ? 0 : pool.retentionHours();
        if (required == current) {
            return new Verdict.Compliant(rule.name(), rule.bounds());
        }
        Verdict.Change change = Verdict.Change.under(rule, pool.retentionHours(), required);
        return pool.status() == PoolStatus.ACTIVE ? change
                : new Verdict.Deferred("pool is " + pool.status(), change);
    }
}
