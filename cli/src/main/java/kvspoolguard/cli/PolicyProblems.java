package kvspoolguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.RetentionPolicy;

/**
 * Every problem of a policy document, each at its place in the document (a JSON Pointer). The
 * published schema (docs/policy.schema.json) names every problem of shape at once; what no schema
 * can state (minHours above maxHours, a rule name twice) is the functions' own reader's to say, so
 * the reader judges the defaults and each rule on its own, then the whole: the same code that
 * judges the document in the functions, never a second copy of its rules.
 */
final class PolicyProblems {

    /** A problem: where in the document (a JSON Pointer; empty for the document itself), and what. */
    record Problem(String location, String message) {
    }

    /** A key given twice is a problem, as the functions' reader says (the schema cannot). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Schema SCHEMA = schema();
    /** The reader's own account of where, which the location already says. */
    private static final String READER_PLACE = "^(?:defaults|limits|rules\\[\\d+\\]|exemptions\\[\\d+\\])(?:\\.[A-Za-z]+)*"
            + "(?::| has)\\s*";

    private PolicyProblems() {
    }

    private static Schema schema() {
        try (InputStream in = PolicyProblems.class.getResourceAsStream("policy.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("policy.schema.json is not in the CLI's jar");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Problem> of(String text) {
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of(new Problem("", "not valid JSON: " + e.getOriginalMessage()
                    .replaceFirst(" \\(start marker at .*\\)$", "") + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (document == null || document.isMissingNode()) {
            return List.of(new Problem("", "the file is empty: a policy is a JSON object"));
        }
        Set<Problem> problems = new LinkedHashSet<>();
        for (Error error : SCHEMA.validate(document)) {
            problems.add(problem(error));
        }
        if (problems.isEmpty()) {
            problems.addAll(beyondTheSchema(document));
        }
        return List.copyOf(problems);
    }

    /** What the reader refuses in a document of valid shape: each part judged alone, then the whole. */
    private static List<Problem> beyondTheSchema(JsonNode document) {
        List<Problem> found = new ArrayList<>();
        // the limits first, alone (as their own defaults); the parts after are judged within them if they hold
        JsonNode limits = null;
        if (document.has("limits")) {
            ObjectNode alone = JSON.createObjectNode();
            alone.set("limits", document.get("limits"));
            alone.set("defaults", document.get("limits"));
            int before = found.size();
            read(alone, "/limits", found);
            limits = found.size() == before ? document.get("limits") : null;
        }
        if (document.has("defaults")) {
            ObjectNode alone = JSON.createObjectNode();
            alone.set("defaults", document.get("defaults"));
            if (limits != null) {
                alone.set("limits", limits);
            }
            read(alone, "/defaults", found);
        }
        JsonNode rules = document.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            ObjectNode alone = JSON.createObjectNode();
            alone.putArray("rules").add(rules.get(i));
            if (limits != null) {
                alone.set("limits", limits);
                alone.set("defaults", limits);
            }
            read(alone, "/rules/" + i, found);
        }
        // the names, judged apart from the bounds (already judged above): each rule kept to its name
        ObjectNode names = JSON.createObjectNode();
        for (JsonNode rule : rules) {
            names.withArray("rules").addObject().put("targetHours", 1).set("name", rule.get("name"));
        }
        read(names, "/rules", found);
        // each exemption alone: what the schema cannot say of it (a date that is not in the calendar)
        JsonNode exemptions = document.path("exemptions");
        for (int i = 0; i < exemptions.size(); i++) {
            ObjectNode alone = JSON.createObjectNode();
            alone.putArray("exemptions").add(exemptions.get(i));
            read(alone, "/exemptions/" + i, found);
        }
        return found;
    }

    private static void read(JsonNode document, String location, List<Problem> found) {
        try {
            PolicyDocument.parse(document.toString(), "validate-policy", RetentionPolicy.defaultsOnly(Bounds.between(1, 87_600), null));
        } catch (InvalidPolicyException e) {
            found.add(new Problem(location, e.getMessage().replaceFirst(READER_PLACE, "")));
        }
    }

    /**
     * A schema error as the policy's words say it: the schema's combinations (one of the bounds,
     * targetHours alone, the reserved name) come out of the validator as their parts, each of which
     * alone would mislead.
     */
    private static Problem problem(Error error) {
        String rule = error.getSchemaLocation().toString();
        String place = pointer(error, false);
        if (rule.contains("/bounds/anyOf")) {
            return new Problem(place, "needs minHours, maxHours or targetHours");
        }
        if (rule.contains("/limits/anyOf")) {
            return new Problem(place, "needs minHours or maxHours");
        }
        if (rule.contains("/bounds/then/")) {
            return new Problem(place, "cannot be combined with targetHours");
        }
        if (rule.endsWith("/name/not")) {
            return new Problem(place, "'default' names the defaults: a rule cannot take it");
        }
        return new Problem(pointer(error, true), error.getMessage().replaceFirst("^\\$[^:]*: ", ""));
    }

    /** The error's place as a JSON Pointer; with {@code key}, an unknown or missing key's place is the key's own. */
    private static String pointer(Error error, boolean key) {
        StringBuilder pointer = new StringBuilder();
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        if (key && error.getProperty() != null && ("additionalProperties".equals(error.getKeyword())
                || "required".equals(error.getKeyword()))) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
