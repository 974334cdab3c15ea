package kvspoolguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/policy.schema.json, the published schema of the policy document, and the functions' reader
 * of it accept and refuse the same documents, but for the rules the schema says it cannot state
 * (minHours above maxHours, two rules of one name, a rule or the defaults outside the limits):
 * those it accepts and the reader refuses.
 */
class PolicySchemaTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private static Schema load() {
        try (InputStream in = Files.newInputStream(DOCS.resolve("policy.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean schemaAccepts(String document) {
        try {
            return SCHEMA.validate(JSON.readTree(document)).isEmpty();
        } catch (IOException e) {
            return false; // not JSON: no schema accepts it
        }
    }

    private static boolean readerAccepts(String document) {
        try {
            PolicyDocument.parse(document, "test", RetentionPolicy.defaultsOnly(Bounds.between(24, 720), null));
            return true;
        } catch (InvalidPolicyException e) {
            return false;
        }
    }

    /**
     * functions/src/test/resources/policy/samples.json: documents valid and invalid in every way
     * docs/policy.md allows, each with whether the schema refuses it too (the CLI's tests read the
     * same file for the places its problems are named at).
     */
    static List<JsonNode> samples() throws IOException {
        List<JsonNode> samples = new java.util.ArrayList<>();
        JSON.readTree(Path.of("src", "test", "resources", "policy", "samples.json").toFile()).forEach(samples::add);
        return samples;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSchemaAndTheReader_acceptAndRefuseTheSameDocuments_butWhatTheSchemaCannotState(JsonNode sample) {
        String document = sample.path("document").asText();
        boolean beyondTheSchema = sample.path("schema").asText().equals("accepts");

        assertThat(readerAccepts(document)).as(document).isEqualTo(sample.path("valid").asBoolean());
        assertThat(schemaAccepts(document)).as(document).isEqualTo(sample.path("valid").asBoolean() || beyondTheSchema);
    }

    @Test
    void thePolicyDocumentOfTheDocs_isValid() throws IOException {
        Matcher block = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(DOCS.resolve("policy.md")));
        assertThat(block.find()).isTrue();
        assertThat(schemaAccepts(block.group(1))).as(block.group(1)).isTrue();
        assertThat(readerAccepts(block.group(1))).isTrue();
    }

    /** Documents built from the schema's own keys with values of every kind, right and wrong. */
    @Property(tries = 3000)
    void anyDocumentOfThePolicysKeys_isAcceptedByBothOrNeither(@ForAll("documents") String document) {
        if (!mayBreakWhatTheSchemaCannotState(document)) {
            assertThat(schemaAccepts(document)).as(document).isEqualTo(readerAccepts(document));
        }
    }

    private static boolean mayBreakWhatTheSchemaCannotState(String document) {
        try {
            JsonNode root = JSON.readTree(document);
            if (root.has("limits")) {
                return true; // the defaults and the rules within the limits: the samples say it
            }
            if (whole(root.path("defaults").path("minHours")) && whole(root.path("defaults").path("maxHours"))) {
                return true;
            }
            long names = 0;
            for (JsonNode rule : root.path("rules")) {
                names += rule.path("name").isTextual() ? 1 : 0;
                if (whole(rule.path("minHours")) && whole(rule.path("maxHours"))) {
                    return true;
                }
            }
            return names > 1;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean whole(JsonNode value) {
        return value.isNumber() && value.canConvertToExactIntegral();
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> hours = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("1", "24", "720", "87600", "24.0")),
                Tuple.of(1, Arbitraries.of("0", "-1", "87601", "4294967296")),
                Tuple.of(1, Arbitraries.of("null", "2.5", "\"24\"", "true", "[]", "{}")));
        Arbitrary<String> text = Arbitraries.of("\"a\"", "\"\"", "\" \"", "\"default\"", "\"c-*\"", "7", "null", "{}");
        Arbitrary<String> match = members(List.of(
                entry("name", text), entry("tags", Arbitraries.of("{}", "{\"t\":\"*\"}", "{\"t\":1}", "[]", "null")),
                entry("streamRegions", Arbitraries.of("[]", "[\"eu-west-1\"]", "[1]", "\"eu-west-1\"")),
                entry("accounts", Arbitraries.of("[]", "[\"123456789012\"]", "[\"1234\"]", "[1]", "\"123456789012\"")),
                entry("organizationalUnits", Arbitraries.of("[]", "[\"ou-ab12-34cd56ef\"]", "[\"r-ab12\"]",
                        "[\"OU-AB12-34CD56EF\"]", "[2]")),
                rare(entry("region", text))));
        Arbitrary<String> name = Arbitraries.of("\"a\"", "\"default\"", "\" \"", "\"\"", "7", "null");
        Arbitrary<String> rule = Arbitraries.oneOf(members(List.of(entry("name", name), entry("match", match),
                entry("minHours", hours), entry("maxHours", hours), entry("targetHours", hours),
                rare(entry("priority", hours)))), Arbitraries.of("7", "null", "[]"));
        Arbitrary<String> rules = rule.list().ofMaxSize(2).map(list -> "[" + String.join(",", list) + "]");
        Arbitrary<String> bounds = members(List.of(entry("minHours", hours), entry("maxHours", hours),
                entry("targetHours", hours), rare(entry("name", text))));
        Arbitrary<String> exempt = Arbitraries.oneOf(Arbitraries.of("null", "\"k=v\""),
                members(List.of(entry("key", text), entry("value", text))));
        return members(List.of(entry("version", text), entry("defaults", Arbitraries.oneOf(bounds, text)),
                entry("exemptTag", exempt), entry("rules", Arbitraries.oneOf(rules, text)), rare(entry("extra", text))));
    }

    /** An object with each of {@code entries} present or not. */
    private static Arbitrary<String> members(List<Arbitrary<String>> entries) {
        Arbitrary<List<String>> chosen = Combinators.combine(entries.stream()
                .map(e -> Arbitraries.oneOf(e, Arbitraries.just(""))).toList()).as(List::copyOf);
        return chosen.map(list -> "{" + String.join(",", list.stream().filter(s -> !s.isEmpty()).toList()) + "}");
    }

    /** A key outside the schema's: present in one document of ten, so that most documents test the rest. */
    private static Arbitrary<String> rare(Arbitrary<String> entry) {
        return Arbitraries.frequencyOf(Tuple.of(1, entry), Tuple.of(4, Arbitraries.just("")));
    }

    private static Arbitrary<String> entry(String key, Arbitrary<String> value) {
        return value.map(v -> "\"" + key + "\":" + v);
    }
}
