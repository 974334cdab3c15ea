package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The document and the table of docs/policy.md's worked examples, kept true. */
class WorkedExamplesTest {

    private static final RetentionPolicy POLICY = PolicyDocument.parse("""
            {
              "version": "2026-11-01",
              "defaults": {"minHours": 24, "maxHours": 720},
              "exemptTag": {"key": "kvs-pool-guard:exempt", "value": "true"},
              "rules": [
                {"name": "legal-hold",
                 "match": {"tags": {"legal-hold": "*"}},
                 "targetHours": 87600},
                {"name": "eu-contact-center",
                 "match": {"name": "contact-center-*", "streamRegions": ["eu-west-1", "eu-central-1"]},
                 "minHours": 24, "maxHours": 168},
                {"name": "analytics",
                 "match": {"name": "analytics-*", "tags": {"team": "analytics"}},
                 "minHours": 72}
              ]
            }""", "docs", Bounds.between(1, 2), null);

    @ParameterizedTest(name = "{0} {1}h {2} {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            recordings-us        | 2400  | -                          | us-east-1    | change 720 default
            recordings-us        | 48    | -                          | us-east-1    | compliant default
            case-1234            | 24    | legal-hold=2026-Q4         | us-east-1    | change 87600 legal-hold
            contact-center-paris | 720   | -                          | eu-west-1    | change 168 eu-contact-center
            contact-center-ohio  | 720   | -                          | us-east-2    | compliant default
            analytics-raw        | 6     | team=analytics             | us-east-1    | change 72 analytics
            analytics-raw        | 6     | team=sales                 | us-east-1    | change 24 default
            legacy               | 87600 | kvs-pool-guard:exempt=true | us-east-1    | exempt
            """)
    void verdict_isAsDocumented(String name, int hours, String tag, String region, String expected) {
        Map<String, String> tags = tag == null ? Map.of() : Map.of(tag.split("=")[0], tag.split("=")[1]);
        Verdict verdict = POLICY.verdictFor(Pools.pool(name, hours, PoolStatus.ACTIVE, tags, region));

        assertThat(describe(verdict)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void verdict_updatingPoolOutOfBounds_isDeferredOwingTheChange() {
        Verdict verdict = POLICY.verdictFor(Pools.pool("migrating", 4000, PoolStatus.UPDATING, Map.of(), "us-east-1"));

        assertThat(verdict).isInstanceOf(Verdict.Deferred.class);
        assertThat(((Verdict.Deferred) verdict).wanted().toHours()).isEqualTo(720);
    }

    private static String describe(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Compliant c -> "compliant " + c.rule();
            case Verdict.Change c -> "change " + c.toHours() + " " + c.rule();
            case Verdict.Exempt e -> "exempt";
            case Verdict.Deferred d -> "deferred";
        };
    }
}
