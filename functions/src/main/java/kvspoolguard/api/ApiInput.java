package kvspoolguard.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.pool.ShardScope;

/**
 * Reads and checks everything a request carries, before anything reaches AWS: identifiers as the
 * API model constrains them, the page size, and JSON bodies with a closed set of keys. Each problem
 * is a 400 whose message names the field.
 */
final class ApiInput {

    static final int MAX_POOLS_PER_RUN = 100;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 50;

    /** KinesisVideoStreamPoolName and Arn of the API model. */
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z._-]{1,128}");
    private static final Pattern ARN = Pattern.compile("arn[/:\\-_.a-zA-Z0-9]{1,1021}");
    private static final int MAX_TOKEN = 4096;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ShardScope governed;

    /** {@code governed}: the governed shards; a name is looked up in the home shard. */
    ApiInput(ShardScope governed) {
        this.governed = governed;
    }

    /**
     * A pool name (looked up in the stack's own account and region) or a pool ARN (of an account and
     * region this stack governs).
     */
    PoolRef pool(String identifier, String field) {
        if (identifier == null || identifier.isEmpty()) {
            throw ApiException.invalid(field + " is required");
        }
        if (NAME.matcher(identifier).matches()) {
            return PoolRef.named(governed.home(), identifier);
        }
        if (!ARN.matcher(identifier).matches()) {
            throw ApiException.invalid(field + " must be a pool name (1-128 of A-Z a-z 0-9 . _ -) or a pool ARN");
        }
        PoolRef ref;
        try {
            ref = PoolRef.fromArn(identifier);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field + ": " + e.getMessage());
        }
        if (!NAME.matcher(ref.name()).matches()) {
            throw ApiException.invalid(field + ": the pool name in the ARN is not a valid pool name");
        }
        if (!governed.regions().contains(ref.region())) {
            throw ApiException.of(404, "POOL_NOT_FOUND", "pool " + ref.name() + " is in region " + ref.region()
                    + ", which this stack does not govern (governed: " + String.join(", ", governed.regions()) + ")");
        }
        if (!governed.current().governs(ref.shard())) {
            throw ApiException.of(404, "POOL_NOT_FOUND", "pool " + ref.name() + " is in account " + ref.account()
                    + ", which this stack does not govern");
        }
        return ref;
    }

    /**
     * The {@code account} and {@code region} query parameters: the shards a listing walks. Each must be
     * governed; absent, every governed one.
     */
    ShardFilter shards(Map<String, String> query) {
        String account = query == null ? null : query.get("account");
        String region = query == null ? null : query.get("region");
        if (account != null && !account.matches("[0-9]{12}")) {
            throw ApiException.invalid("account must be a 12-digit account id, got '" + shorten(account) + "'");
        }
        if (region != null && !governed.governsRegion(region)) {
            throw ApiException.invalid("region must be one this stack governs (" + String.join(", ",
                    governed.regions()) + "), got '" + shorten(region) + "'");
        }
        if (account != null && !governed.current().accounts().contains(account)) {
            throw ApiException.invalid("account " + account + " is not one this stack governs");
        }
        return new ShardFilter(account, region);
    }

    /**
     * Whether the caller asked for CSV ({@code Accept: text/csv}, alone or among others with a
     * higher or equal weight than JSON's); anything else gets JSON.
     */
    static boolean acceptsCsv(Map<String, String> headers) {
        String accept = null;
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("accept")) {
                    accept = header.getValue();
                }
            }
        }
        if (accept == null) {
            return false;
        }
        double csv = -1;
        double json = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.strip().split(";");
            String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/csv")) {
                csv = Math.max(csv, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return csv > 0 && csv >= json;
    }

    /** A run id in the path: an event or request id, 1..128 of A-Z a-z 0-9 and '-'. */
    static String runId(Map<String, String> path) {
        String runId = path == null ? null : path.get("runId");
        if (runId == null || !runId.matches("[A-Za-z0-9-]{1,128}")) {
            throw ApiException.invalid("runId must be 1..128 of A-Z a-z 0-9 and '-', got '"
                    + shorten(runId == null ? "" : runId) + "'");
        }
        return runId;
    }

    /** The {@code limit} query parameter: 1..100, {@value #DEFAULT_LIMIT} when absent. */
    static int limit(Map<String, String> query) {
        return limit(query, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** The {@code limit} query parameter: 1..{@code max}, {@code absent} when absent. */
    private static int limit(Map<String, String> query, int max, int absent) {
        String text = query == null ? null : query.get("limit");
        if (text == null) {
            return absent;
        }
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            throw ApiException.invalid("limit must be a whole number within 1.." + max + ", got '" + shorten(text) + "'");
        }
        return Integer.parseInt(text);
    }

    /** RFC 3339's date-time (OpenAPI's format), its T and Z in either case. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter(Locale.ROOT);

    /** The {@code since} query parameter: an RFC 3339 date-time (such as 2026-11-01T00:00:00Z), or null. */
    static Instant since(Map<String, String> query) {
        String text = query == null ? null : query.get("since");
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("since must be a date-time with its offset, such as 2026-11-01T00:00:00Z, got '"
                    + shorten(text) + "'");
        }
    }

    /** How many pools' records one page of GET /compliance reads at most, and by default. */
    static final int MAX_COMPLIANCE_LIMIT = 10_000;

    /** The {@code limit} of GET /compliance: 1..10,000, all of them when absent. */
    static int complianceLimit(Map<String, String> query) {
        return limit(query, MAX_COMPLIANCE_LIMIT, MAX_COMPLIANCE_LIMIT);
    }

    /**
     * GET /compliance's {@code nextToken}: the pool its last page ended with, under the same
     * filters (a token of other filters, or not this API's, is refused); null: from the first pool.
     */
    static String complianceAfter(String token, ShardFilter only) {
        if (token == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 4 || !parts[0].equals("compliance") || !poolArn(parts[3])
                || !parts[1].equals(Objects.toString(only.account(), ""))
                || !parts[2].equals(Objects.toString(only.region(), ""))) {
            throw ApiException.invalid("nextToken was not issued by GET /compliance for these filters");
        }
        return parts[3];
    }

    /** A pool's ARN, within the service's bounds: a longer key would fail in the store, not here. */
    private static boolean poolArn(String arn) {
        try {
            return ARN.matcher(arn).matches() && NAME.matcher(PoolRef.fromArn(arn).name()).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The token that continues GET /compliance after the pool {@code after}, under the same filters. */
    static String complianceToken(String after, ShardFilter only) {
        return after == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(("compliance|"
                + Objects.toString(only.account(), "") + "|" + Objects.toString(only.region(), "") + "|" + after)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code nextToken} query parameter, or null; its content is checked by the listing. */
    static String nextToken(Map<String, String> query) {
        String token = query == null ? null : query.get("nextToken");
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN)) {
            throw ApiException.invalid("nextToken must be 1.." + MAX_TOKEN + " characters");
        }
        return token;
    }

    /** The body of PUT /pools/{identifier}/retention: {@code {"dataRetentionInHours": n}}, n in 1..87600. */
    static int retentionHours(String body, boolean base64) {
        JsonNode root = object(decode(body, base64), true, Set.of("dataRetentionInHours"));
        JsonNode hours = root.get("dataRetentionInHours");
        if (hours == null) {
            throw ApiException.invalid("dataRetentionInHours is required");
        }
        return hours(hours, "dataRetentionInHours");
    }

    /** The body of POST /enforcements, all of it optional. */
    record EnforcementRequest(boolean dryRun, List<PoolRef> pools) {
    }

    /** POST /policy/approvals: the version and the digest reviewed, as GET /policy gave them. */
    record ApprovalRequest(String version, String digest) {
    }

    static ApprovalRequest approval(String body, boolean base64) {
        JsonNode root = object(decode(body, base64), true, Set.of("version", "digest"));
        JsonNode digest = root.get("digest");
        if (digest == null || !digest.isTextual() || !digest.asText().matches("sha256:[0-9a-f]{64}")) {
            throw ApiException.invalid("digest must be the policy's digest as GET /policy gives it (sha256: and 64 "
                    + "hex digits)");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.isNull() && !version.isTextual()) {
            throw ApiException.invalid("version must be a string or null, as GET /policy gives it");
        }
        return new ApprovalRequest(version == null || version.isNull() ? null : version.asText(), digest.asText());
    }

    EnforcementRequest enforcement(String body, boolean base64) {
        JsonNode root = object(decode(body, base64), false, Set.of("dryRun", "pools"));
        if (root == null) {
            return new EnforcementRequest(false, null);
        }
        JsonNode dryRun = root.get("dryRun");
        if (dryRun != null && !dryRun.isBoolean()) {
            throw ApiException.invalid("dryRun must be true or false, got " + shorten(dryRun.toString()));
        }
        JsonNode list = root.get("pools");
        List<PoolRef> pools = null;
        if (list != null) {
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_POOLS_PER_RUN) {
                throw ApiException.invalid("pools must be an array of 1.." + MAX_POOLS_PER_RUN
                        + " pool names or ARNs (leave it out to run over every pool)");
            }
            pools = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (!item.isTextual()) {
                    throw ApiException.invalid("pools[" + i + "] must be a string");
                }
                if (!seen.add(item.asText())) {
                    throw ApiException.invalid("pools[" + i + "] repeats " + shorten(item.asText()));
                }
                pools.add(pool(item.asText(), "pools[" + i + "]"));
            }
        }
        return new EnforcementRequest(dryRun != null && dryRun.booleanValue(), pools);
    }

    private static int hours(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < Bounds.MIN_HOURS || value.intValue() > Bounds.MAX_HOURS) {
            throw ApiException.invalid(field + " must be a whole number of hours within " + Bounds.MIN_HOURS + ".."
                    + Bounds.MAX_HOURS + ", got " + shorten(value.toString()));
        }
        return value.intValue();
    }

    /** The body as a JSON object with only {@code allowed} keys; null when absent and not required. */
    private static JsonNode object(String text, boolean required, Set<String> allowed) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ApiException.invalid("a JSON body is required");
            }
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the body is not valid JSON: " + shorten(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("the body must be a JSON object");
        }
        for (String key : (Iterable<String>) root::fieldNames) {
            if (!allowed.contains(key)) {
                throw ApiException.invalid("unknown field '" + shorten(key) + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
        return root;
    }

    private static String decode(String body, boolean base64) {
        if (body == null || !base64) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("the body is marked base64 but is not");
        }
    }

    /** Echoed input stays short: a message is for a person, and logs stay small. */
    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
