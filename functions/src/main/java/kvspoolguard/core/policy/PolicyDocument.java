package kvspoolguard.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a policy document (docs/policy.md). The set of keys is closed: an unknown key, a key given
 * twice, a wrong type or a contradiction fails the whole document with a message naming where,
 * before any pool is looked at.
 */
public final class PolicyDocument {

    /** A key given twice is refused, not read as its last value: a reviewer may have read the first. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Keys sorted, maps too: one text per document, for its digest. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    private static final Set<String> TOP = Set.of("version", "defaults", "exemptTag", "rules", "limits", "exemptions");
    private static final Set<String> LIMITS = Set.of("minHours", "maxHours");
    private static final Set<String> BOUNDS = Set.of("minHours", "maxHours", "targetHours");
    private static final Set<String> RULE = Set.of("name", "match", "minHours", "maxHours", "targetHours");
    private static final Set<String> MATCH = Set.of("name", "tags", "streamRegions", "accounts", "organizationalUnits");
    private static final Set<String> TAG = Set.of("key", "value");
    private static final Set<String> EXEMPTION = Set.of("pools", "reason", "until");

    private PolicyDocument() {
    }

    /**
     * The policy {@code text} states, read from {@code source}; where it names no {@code defaults}
     * or no {@code exemptTag}, those of {@code fallback}.
     */
    public static RetentionPolicy parse(String text, String source, RetentionPolicy fallback) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException("policy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("policy must be a JSON object");
        }
        closed(root, TOP, "policy");
        Bounds defaults = root.has("defaults") ? bounds(object(root.get("defaults"), "defaults"), "defaults")
                : fallback.defaults();
        ExemptTag exempt = root.has("exemptTag") ? exemptTag(root.get("exemptTag")) : fallback.exemptTag();
        List<Rule> rules = new ArrayList<>();
        JsonNode list = root.path("rules");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new InvalidPolicyException("rules must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(object(list.get(i), "rules[" + i + "]"), "rules[" + i + "]"));
        }
        String version = root.has("version") ? text(root.get("version"), "version") : null;
        Bounds limits = root.has("limits") ? limits(object(root.get("limits"), "limits")) : null;
        if (limits != null && !root.has("defaults")) {
            // else the stack's MinRetentionHours..MaxRetentionHours, which the document cannot see
            throw new InvalidPolicyException("limits: a document with limits sets its defaults too (within them)");
        }
        return RetentionPolicy.builder().defaults(defaults).rules(rules).exemptTag(exempt).source(source).version(version)
                .limits(limits).exemptions(exemptions(root.path("exemptions"))).build();
    }

    /**
     * What identifies a policy for an approval: {@code sha256:} and the hex SHA-256 of its rendered
     * document with keys sorted, so the same rules, bounds, exemptions and version give the same
     * digest wherever they were read from and however the document was laid out.
     */
    public static String digest(RetentionPolicy policy) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(render(policy));
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("a rendered policy is always JSON, and every JVM has SHA-256", e);
        }
    }

    /**
     * The policy as a document this class reads back to the same policy: what the API shows as the
     * policy in force (the defaults included, so it says every bound that applies).
     */
    public static Map<String, Object> render(RetentionPolicy policy) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (policy.version() != null) {
            document.put("version", policy.version());
        }
        document.put("defaults", bounds(new LinkedHashMap<>(), policy.defaults()));
        if (policy.limits() != null) {
            document.put("limits", bounds(new LinkedHashMap<>(), policy.limits()));
        }
        document.put("exemptTag", policy.exemptTag() == null ? null
                : Map.of("key", policy.exemptTag().key(), "value", policy.exemptTag().value()));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : policy.rules()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", rule.name());
            Map<String, Object> match = new LinkedHashMap<>();
            if (rule.match().nameGlob() != null) {
                match.put("name", rule.match().nameGlob());
            }
            if (!rule.match().tags().isEmpty()) {
                match.put("tags", new java.util.TreeMap<>(rule.match().tags()));
            }
            if (!rule.match().streamRegions().isEmpty()) {
                match.put("streamRegions", rule.match().streamRegions());
            }
            if (!rule.match().accounts().isEmpty()) {
                match.put("accounts", rule.match().accounts());
            }
            if (!rule.match().organizationalUnits().isEmpty()) {
                match.put("organizationalUnits", rule.match().organizationalUnits());
            }
            node.put("match", match);
            rules.add(bounds(node, rule.bounds()));
        }
        document.put("rules", rules);
        if (!policy.exemptions().isEmpty()) {
            document.put("exemptions", policy.exemptions().stream().map(e -> Map.of("pools", e.pools(),
                    "reason", e.reason(), "until", e.until().toString())).toList());
        }
        return document;
    }

    private static Map<String, Object> bounds(Map<String, Object> node, Bounds bounds) {
        if (bounds.minHours() != null) {
            node.put("minHours", bounds.minHours());
        }
        if (bounds.maxHours() != null) {
            node.put("maxHours", bounds.maxHours());
        }
        if (bounds.targetHours() != null) {
            node.put("targetHours", bounds.targetHours());
        }
        return node;
    }

    /** The listed exemptions, each with its pools, reason and until (empty when absent). */
    private static List<Exemption> exemptions(JsonNode list) {
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidPolicyException("exemptions must be an array");
        }
        List<Exemption> exemptions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "exemptions[" + i + "]";
            JsonNode node = object(list.get(i), where);
            closed(node, EXEMPTION, where);
            String pools = text(node.get("pools"), where + ".pools");
            String reason = text(node.get("reason"), where + ".reason");
            String until = text(node.get("until"), where + ".until");
            exemptions.add(at(where, () -> new Exemption(pools, reason, Exemption.until(until))));
        }
        return exemptions;
    }

    private static Rule rule(JsonNode node, String where) {
        closed(node, RULE, where);
        String name = text(node.get("name"), where + ".name");
        PoolMatch match = node.has("match") ? match(object(node.get("match"), where + ".match"), where + ".match")
                : PoolMatch.any();
        Bounds bounds = bounds(node, where);
        return at(where, () -> new Rule(name, match, bounds));
    }

    private static PoolMatch match(JsonNode node, String where) {
        closed(node, MATCH, where);
        String glob = node.has("name") ? text(node.get("name"), where + ".name") : null;
        Map<String, String> tags = new LinkedHashMap<>();
        if (node.has("tags")) {
            object(node.get("tags"), where + ".tags").properties()
                    .forEach(e -> tags.put(e.getKey(), text(e.getValue(), where + ".tags." + e.getKey())));
        }
        List<String> regions = strings(node.get("streamRegions"), where + ".streamRegions");
        List<String> accounts = strings(node.get("accounts"), where + ".accounts");
        List<String> units = strings(node.get("organizationalUnits"), where + ".organizationalUnits");
        return at(where, () -> PoolMatch.builder().nameGlob(glob).tags(tags).streamRegions(regions).accounts(accounts)
                .organizationalUnits(units).build());
    }

    /** An array of strings (empty when {@code array} is absent). */
    private static List<String> strings(JsonNode array, String where) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            if (!array.isArray()) {
                throw new InvalidPolicyException(where + " must be an array of strings");
            }
            array.forEach(v -> values.add(text(v, where)));
        }
        return values;
    }

    private static Bounds bounds(JsonNode node, String where) {
        if (where.equals("defaults")) {
            closed(node, BOUNDS, where);
        }
        return at(where, () -> new Bounds(hours(node, "minHours", where), hours(node, "maxHours", where),
                hours(node, "targetHours", where)));
    }

    /** The limits: minHours and/or maxHours, no target (a limit is a range every rule keeps within). */
    private static Bounds limits(JsonNode node) {
        closed(node, LIMITS, "limits");
        return at("limits", () -> new Bounds(hours(node, "minHours", "limits"), hours(node, "maxHours", "limits"),
                null));
    }

    private static ExemptTag exemptTag(JsonNode node) {
        if (node.isNull()) {
            return null; // explicitly no exemption
        }
        closed(object(node, "exemptTag"), TAG, "exemptTag");
        return at("exemptTag", () -> new ExemptTag(text(node.get("key"), "exemptTag.key"),
                text(node.get("value"), "exemptTag.value")));
    }

    private static Integer hours(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // a whole number, as JSON Schema's integer (docs/policy.schema.json): 24.0 and 2.4e1 are 24
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw new InvalidPolicyException(where + "." + field + " must be a whole number of hours, got " + value);
        }
        return value.asInt();
    }

    private static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidPolicyException(where + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new InvalidPolicyException(where + " must be a string");
        }
        return node.asText();
    }

    private static void closed(JsonNode node, Set<String> allowed, String where) {
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!allowed.contains(key)) {
                throw new InvalidPolicyException(where + " has unknown key '" + key + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    /** Prefixes a contradiction found by a constructor with where in the document it is. */
    private static <T> T at(String where, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage(), e);
        }
    }
}
