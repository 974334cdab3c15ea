package kvspoolguard.core.policy;

import static kvspoolguard.testing.Pools.JUDGING;
import static kvspoolguard.testing.Pools.NO_ORGANIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import kvspoolguard.testing.Pools;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the policy engine that must hold for every bound and every retention. */
class PolicyPropertiesTest {

    @Provide
    Arbitrary<Bounds> bounds() {
        Arbitrary<Integer> hours = Arbitraries.integers().between(Bounds.MIN_HOURS, Bounds.MAX_HOURS);
        Arbitrary<Bounds> range = Combinators.combine(hours.injectNull(0.3), hours.injectNull(0.3))
                .filter((a, b) -> (a != null || b != null) && (a == null || b == null || a <= b))
                .as((a, b) -> new Bounds(a, b, null));
        return Arbitraries.oneOf(range, hours.map(Bounds::exactly));
    }

    @Property
    void requiredRetention_isAlwaysWithinTheBounds(@ForAll("bounds") Bounds bounds,
                                                    @ForAll @IntRange(min = 0, max = 100_000) int current) {
        int required = bounds.requiredFor(current);

        if (bounds.targetHours() != null) {
            assertThat(required).isEqualTo(bounds.targetHours());
        }
        if (bounds.minHours() != null) {
            assertThat(required).isGreaterThanOrEqualTo(bounds.minHours());
        }
        if (bounds.maxHours() != null) {
            assertThat(required).isLessThanOrEqualTo(bounds.maxHours());
        }
    }

    @Property
    void enforcingTwice_changesNothingTheSecondTime(@ForAll("bounds") Bounds bounds,
                                                     @ForAll @IntRange(min = 0, max = 100_000) int current) {
        RetentionPolicy policy = RetentionPolicy.defaultsOnly(bounds, ExemptTag.DEFAULT);
        Verdict first = policy.verdictFor(Pools.active("p", current), JUDGING);

        if (first instanceof Verdict.Change change) {
            assertThat(change.toHours()).isBetween(Bounds.MIN_HOURS, Bounds.MAX_HOURS);
            assertThat(policy.verdictFor(Pools.active("p", change.toHours()), JUDGING)).isInstanceOf(Verdict.Compliant.class);
        } else {
            assertThat(first).isInstanceOf(Verdict.Compliant.class);
        }
    }

    @Property
    void aCompliantPool_isNeverChanged(@ForAll("bounds") Bounds bounds,
                                       @ForAll @IntRange(min = 1, max = Bounds.MAX_HOURS) int current) {
        boolean within = (bounds.targetHours() == null || bounds.targetHours() == current)
                && (bounds.minHours() == null || current >= bounds.minHours())
                && (bounds.maxHours() == null || current <= bounds.maxHours());
        Verdict verdict = RetentionPolicy.defaultsOnly(bounds, null).verdictFor(Pools.active("p", current), JUDGING);

        assertThat(verdict instanceof Verdict.Compliant).isEqualTo(within);
    }

    @Property(tries = 500)
    void anyText_eitherParsesOrFailsAsAnInvalidPolicy(@ForAll String text) {
        try {
            PolicyDocument.parse(text, "fuzz", RetentionPolicy.defaultsOnly(Bounds.between(1, 2), null));
        } catch (InvalidPolicyException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** A full policy document (local/seed/demo-policy.json's shape), every value a place to mutate. */
    private static final String DOCUMENT = """
            {"version": "v1", "defaults": {"minHours": 24, "maxHours": 720},
             "exemptTag": {"key": "kvs-pool-guard:exempt", "value": "true"},
             "rules": [
               {"name": "eu", "match": {"name": "contact-center-*", "streamRegions": ["eu-west-1"]},
                "minHours": 24, "maxHours": 168},
               {"name": "analytics", "match": {"tags": {"team": "analytics"}}, "minHours": 72},
               {"name": "fixed", "match": {"name": "legal-*"}, "targetHours": 2160}]}""";

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.of("null", "true", "0", "-5", "1", "23", "169", "720", "87600", "87601", "2.5", "1e3",
                "\"\"", "\"24\"", "[]", "{}", "[\"x\"]", "{\"name\": \"a\"}", "\"*\"", "99999999999999999999");
    }

    /**
     * The document with one value replaced: either a policy that reads back as itself once rendered,
     * or an invalid policy (which the guard answers by failing closed): never another exception.
     */
    /** Each of the document's 15 values, replaced by each of these 20: all 300 cases. */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 300)
    void aDocumentWithOneValueChanged_parsesAndRoundTrips_orIsInvalid(@ForAll @IntRange(min = 0, max = 14) int field,
                                                                      @ForAll("jsonValues") String value)
            throws Exception {
        var values = java.util.regex.Pattern.compile(":\\s*(\"[^\"]*\"|-?[0-9.eE]+|true|false|null)")
                .matcher(DOCUMENT).results().toList();
        var target = values.get(field % values.size());
        String mutated = DOCUMENT.substring(0, target.start(1)) + value + DOCUMENT.substring(target.end(1));
        RetentionPolicy policy;
        try {
            policy = PolicyDocument.parse(mutated, "fuzz", RetentionPolicy.defaultsOnly(Bounds.between(1, 2), null));
        } catch (InvalidPolicyException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        String rendered = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PolicyDocument.render(policy));
        assertThat(PolicyDocument.render(PolicyDocument.parse(rendered, "fuzz", RetentionPolicy.defaultsOnly(Bounds.between(1, 2), null))))
                .isEqualTo(PolicyDocument.render(policy));
    }
}
