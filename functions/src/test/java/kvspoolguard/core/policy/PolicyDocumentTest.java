package kvspoolguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentTest {

    private static final Bounds FALLBACK = Bounds.between(24, 720);

    private static RetentionPolicy parse(String json) {
        return PolicyDocument.parse(json, "ssm:/kvs-pool-guard/policy", RetentionPolicy.defaultsOnly(FALLBACK, ExemptTag.DEFAULT));
    }

    @Test
    void parse_fullDocument_keepsRuleOrderAndEveryField() {
        RetentionPolicy policy = parse("""
                {"version": "2026-11-01",
                 "defaults": {"minHours": 48, "maxHours": 2160},
                 "exemptTag": {"key": "legal-hold", "value": "yes"},
                 "rules": [
                   {"name": "legal", "match": {"name": "legal-*", "tags": {"team": "legal"},
                                               "streamRegions": ["eu-west-1"]}, "targetHours": 87600},
                   {"name": "short", "maxHours": 24}
                 ]}""");

        assertThat(policy.version()).isEqualTo("2026-11-01");
        assertThat(policy.source()).isEqualTo("ssm:/kvs-pool-guard/policy");
        assertThat(policy.defaults()).isEqualTo(Bounds.between(48, 2160));
        assertThat(policy.exemptTag()).isEqualTo(new ExemptTag("legal-hold", "yes"));
        assertThat(policy.rules()).containsExactly(
                new Rule("legal", new PoolMatch("legal-*", Map.of("team", "legal"), List.of("eu-west-1")),
                        Bounds.exactly(87_600)),
                new Rule("short", PoolMatch.any(), new Bounds(null, 24, null)));
    }

    @Test
    void parse_minimalDocument_usesTheFallbacks() {
        RetentionPolicy policy = parse("{}");

        assertThat(policy.defaults()).isEqualTo(FALLBACK);
        assertThat(policy.exemptTag()).isEqualTo(ExemptTag.DEFAULT);
        assertThat(policy.rules()).isEmpty();
    }

    @Test
    void parse_nullExemptTag_turnsTheExemptionOff() {
        assertThat(parse("{\"exemptTag\": null}").exemptTag()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                     | {"rules": [                                                   | policy is not valid JSON
            not an object                | [1, 2]                                                        | policy must be a JSON object
            unknown top-level key        | {"rulez": []}                                                 | policy has unknown key 'rulez'
            unknown rule key             | {"rules": [{"name": "a", "maxHour": 5}]}                      | rules[0] has unknown key 'maxHour'
            unknown match key            | {"rules": [{"name": "a", "match": {"tag": {}}, "maxHours": 5}]} | rules[0].match has unknown key 'tag'
            unknown defaults key         | {"defaults": {"min": 1}}                                      | defaults has unknown key 'min'
            min above max                | {"rules": [{"name": "a", "minHours": 48, "maxHours": 24}]}    | rules[0]: minHours 48 is greater than maxHours 24
            target with a bound          | {"rules": [{"name": "a", "targetHours": 5, "minHours": 1}]}   | rules[0]: targetHours cannot be combined
            target out of range          | {"rules": [{"name": "a", "targetHours": 87601}]}              | rules[0]: targetHours must be within 1..87600
            zero hours                   | {"defaults": {"minHours": 0, "maxHours": 5}}                  | defaults: minHours must be within 1..87600
            fractional hours             | {"rules": [{"name": "a", "maxHours": 2.5}]}                   | rules[0].maxHours must be a whole number
            hours as text                | {"rules": [{"name": "a", "maxHours": "24"}]}                  | rules[0].maxHours must be a whole number
            rule without bounds          | {"rules": [{"name": "a", "match": {"name": "x"}}]}            | rules[0]: a rule needs minHours, maxHours or targetHours
            rule without name            | {"rules": [{"maxHours": 5}]}                                  | rules[0].name must be a string
            duplicate rule names         | {"rules": [{"name": "a", "maxHours": 5}, {"name": "a", "maxHours": 6}]} | rule names must be unique
            rules not an array           | {"rules": {"name": "a"}}                                      | rules must be an array
            regions not an array         | {"rules": [{"name": "a", "match": {"streamRegions": "eu-west-1"}, "maxHours": 5}]} | streamRegions must be an array
            tag value not text           | {"rules": [{"name": "a", "match": {"tags": {"k": 1}}, "maxHours": 5}]} | rules[0].match.tags.k must be a string
            empty name glob              | {"rules": [{"name": "a", "match": {"name": ""}, "maxHours": 5}]} | rules[0].match: match.name must not be empty
            exempt tag without key       | {"exemptTag": {"value": "true"}}                              | exemptTag.key must be a string
            a key twice                  | {"defaults": {"maxHours": 720}, "defaults": {"maxHours": 87600}} | Duplicate field 'defaults'
            a rule's key twice           | {"rules": [{"name": "eu", "maxHours": 168, "maxHours": 87600}]} | Duplicate field 'maxHours'
            """)
    void parse_invalidDocument_failsNamingWhere(String description, String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidPolicyException.class).hasMessageContaining(message);
    }

    @Test
    void render_readsBackAsTheSamePolicy() throws Exception {
        RetentionPolicy policy = parse("""
                {"version": "7", "defaults": {"minHours": 48}, "exemptTag": {"key": "hold", "value": "yes"},
                 "rules": [{"name": "eu", "match": {"name": "eu-*", "tags": {"b": "*", "a": "1"},
                            "streamRegions": ["eu-west-1"], "accounts": ["123456789012"],
                            "organizationalUnits": ["ou-ab12-34cd56ef"]}, "targetHours": 168},
                           {"name": "rest", "maxHours": 2160}]}""");

        String rendered = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                PolicyDocument.render(policy));

        assertThat(parse(rendered)).isEqualTo(policy);
        assertThat(parse(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PolicyDocument.render(
                RetentionPolicy.defaultsOnly(FALLBACK, null)))).exemptTag()).isNull();
    }

    @Test
    void exemptions_readAndRenderBack_andAreRefusedAtTheirPlace() throws Exception {
        RetentionPolicy policy = parse("""
                {"exemptions": [{"pools": "arn:aws:chime:*:123456789012:media-pipeline-kinesis-video-stream-pool/legal-*",
                                 "reason": "matter 2026-114", "until": "2027-03-31"},
                                {"pools": "210987654321", "reason": "sandbox", "until": "2027-01-01T12:00:00Z"}]}""");

        assertThat(policy.exemptions()).extracting(Exemption::until).containsExactly(
                java.time.Instant.parse("2027-04-01T00:00:00Z"), java.time.Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(parse(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                PolicyDocument.render(policy)))).isEqualTo(policy);
        assertThatThrownBy(() -> parse("{\"exemptions\": [{\"pools\": \"210987654321\", \"reason\": \"x\"}]}"))
                .hasMessage("exemptions[0].until must be a string");
        assertThatThrownBy(() -> parse("{\"exemptions\": [{\"pools\": \"x\", \"reason\": \"r\", \"until\": \"2027-01-01\"}]}"))
                .hasMessageStartingWith("exemptions[0]: pools must be");
        assertThatThrownBy(() -> parse("{\"exemptions\": [{\"pools\": \"210987654321\", \"reason\": \"r\", "
                + "\"until\": \"2027-01-01\", \"by\": \"me\"}]}")).hasMessageContaining("has unknown key 'by'");
        assertThatThrownBy(() -> parse("{\"exemptions\": {}}")).hasMessage("exemptions must be an array");
    }

    @Test
    void limits_readAndRenderBack_andNeedTheDocumentsOwnDefaults() throws Exception {
        RetentionPolicy policy = parse("""
                {"limits": {"minHours": 24, "maxHours": 2160}, "defaults": {"minHours": 24, "maxHours": 720},
                 "rules": [{"name": "week", "targetHours": 168}]}""");

        assertThat(policy.limits()).isEqualTo(Bounds.between(24, 2160));
        assertThat(parse(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                PolicyDocument.render(policy)))).isEqualTo(policy);
        assertThatThrownBy(() -> parse("{\"limits\": {\"maxHours\": 720}}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("sets its defaults too");
        assertThatThrownBy(() -> parse("{\"limits\": {\"targetHours\": 72}, \"defaults\": {\"targetHours\": 72}}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("limits has unknown key 'targetHours'");
    }
}
