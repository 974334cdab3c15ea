package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Json;

/**
 * Assembles an operation's input from where the model binds each member: URI labels, query
 * string, headers or the JSON body. Values are taken as sent; typing and constraints are the
 * {@link InputValidator}'s job, so a bad value gets the same message wherever it came from.
 */
public final class InputReader {

    private final ServiceModel model;

    /** What the API answers a malformed input with: BadRequestException (Chime), InvalidArgumentException (KVS). */
    private final ErrorType invalid;

    public InputReader(ServiceModel model) {
        this(model, ErrorType.BAD_REQUEST);
    }

    public InputReader(ServiceModel model, ErrorType invalid) {
        this.model = model;
        this.invalid = invalid;
    }

    public ObjectNode read(RouteTable.Match match, Map<String, List<String>> query,
                           Map<String, List<String>> headers, String body) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        String shapeName = match.operation().inputShape();
        if (shapeName == null) {
            return input;
        }
        JsonNode bodyNode = null;
        for (var member : model.shape(shapeName).path("members").properties()) {
            JsonNode binding = member.getValue();
            String location = binding.path("location").asText("");
            String wireName = binding.path("locationName").asText(member.getKey());
            String value = switch (location) {
                case "uri" -> match.labels().get(wireName);
                case "querystring" -> first(query, wireName);
                case "header" -> firstIgnoringCase(headers, wireName);
                default -> null;
            };
            if (!location.isEmpty()) {
                if (value != null) {
                    input.set(member.getKey(), typed(binding.path("shape").asText(), value));
                }
                continue;
            }
            bodyNode = bodyNode == null ? parseBody(body) : bodyNode;
            JsonNode fromBody = bodyNode.get(member.getKey());
            if (fromBody != null && !fromBody.isNull()) {
                input.set(member.getKey(), fromBody);
            }
        }
        return input;
    }

    /** Query and header values are text on the wire; an integer member that parses becomes a number. */
    private JsonNode typed(String shapeName, String value) {
        if ("integer".equals(model.shape(shapeName).path("type").asText())) {
            try {
                return Json.MAPPER.getNodeFactory().numberNode(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                return Json.MAPPER.getNodeFactory().textNode(value);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    private JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.of(invalid, "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.of(invalid, "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static String firstIgnoringCase(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst()
                .orElse(null);
    }
}
