package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import kvspoolguard.local.chime.model.ErrorType;

/**
 * Checks an input against its shape in the model: required members, types, lengths, ranges,
 * patterns and enums, collecting every violation into one message worded as AWS words them
 * ("2 validation errors detected: Value '0' at 'streamConfiguration.dataRetentionInHours' failed
 * to satisfy constraint: Member must have value greater than or equal to 1; ...").
 *
 * <p>Patterns are matched as Smithy defines them, not implicitly anchored ({@code find()}): the
 * model's {@code ^[0-9a-zA-Z._-]+} constrains how a name starts, exactly as published.
 */
public final class InputValidator {

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** What the API answers a malformed input with: BadRequestException (Chime), InvalidArgumentException (KVS). */
    private final ErrorType invalid;

    public InputValidator(ServiceModel model) {
        this(model, ErrorType.BAD_REQUEST);
    }

    public InputValidator(ServiceModel model, ErrorType invalid) {
        this.model = model;
        this.invalid = invalid;
    }

    /** Throws BadRequestException naming every violation, or returns when the input is valid. */
    public void validate(String shapeName, JsonNode input) {
        if (shapeName == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        structure(model.shape(shapeName), input, "", violations);
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
            throw ApiException.of(invalid, count + " detected: " + String.join("; ", violations));
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<String> out) {
        var required = StreamSupport.stream(shape.path("required").spliterator(), false)
                .map(JsonNode::asText).toList();
        for (var member : shape.path("members").properties()) {
            String memberPath = path.isEmpty() ? camel(member.getKey()) : path + "." + camel(member.getKey());
            JsonNode memberValue = value.get(member.getKey());
            if (memberValue == null || memberValue.isNull()) {
                if (required.contains(member.getKey())) {
                    out.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
                }
                continue;
            }
            check(member.getValue().path("shape").asText(), memberValue, memberPath, out);
        }
    }

    private void check(String shapeName, JsonNode value, String path, List<String> out) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        Violation v = new Violation(value, path, shape.path("sensitive").asBoolean(false), out);
        switch (type) {
            case "structure" -> {
                if (v.requireThat(value.isObject(), "Member must be a structure")) {
                    structure(shape, value, path, out);
                }
            }
            case "list" -> {
                if (v.requireThat(value.isArray(), "Member must be a list")) {
                    lengthBounds(shape, value.size(), v);
                    for (int i = 0; i < value.size(); i++) {
                        check(shape.path("member").path("shape").asText(), value.get(i),
                                path + "." + (i + 1) + ".member", out);
                    }
                }
            }
            case "string" -> {
                if (v.requireThat(value.isTextual(), "Member must be a string")) {
                    string(shape, value.asText(), v);
                }
            }
            case "integer" -> {
                if (v.requireThat(value.isIntegralNumber() && value.canConvertToInt(), "Member must be an integer")) {
                    valueBounds(shape, value.asLong(), v);
                }
            }
            default -> { }
        }
    }

    private void string(JsonNode shape, String text, Violation v) {
        lengthBounds(shape, text.codePointCount(0, text.length()), v);
        if (shape.has("pattern")) {
            Pattern p = patterns.computeIfAbsent(shape.path("pattern").asText(), Pattern::compile);
            v.requireThat(p.matcher(text).find(),
                    "Member must satisfy regular expression pattern: " + p.pattern());
        }
        if (shape.has("enum")) {
            var allowed = StreamSupport.stream(shape.path("enum").spliterator(), false).map(JsonNode::asText).toList();
            v.requireThat(allowed.contains(text), "Member must satisfy enum value set: " + allowed);
        }
    }

    private static void lengthBounds(JsonNode shape, long length, Violation v) {
        if (shape.has("min")) {
            v.requireThat(length >= shape.path("min").asLong(),
                    "Member must have length greater than or equal to " + shape.path("min").asLong());
        }
        if (shape.has("max")) {
            v.requireThat(length <= shape.path("max").asLong(),
                    "Member must have length less than or equal to " + shape.path("max").asLong());
        }
    }

    private static void valueBounds(JsonNode shape, long number, Violation v) {
        if (shape.has("min")) {
            v.requireThat(number >= shape.path("min").asLong(),
                    "Member must have value greater than or equal to " + shape.path("min").asLong());
        }
        if (shape.has("max")) {
            v.requireThat(number <= shape.path("max").asLong(),
                    "Member must have value less than or equal to " + shape.path("max").asLong());
        }
    }

    private static String camel(String memberName) {
        return Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }

    /** Formats one failed constraint; a sensitive member's value is never echoed back. */
    private record Violation(JsonNode value, String path, boolean sensitive, List<String> out) {
        boolean requireThat(boolean holds, String constraint) {
            if (!holds) {
                String shown = sensitive ? "" : " '" + (value.isValueNode() ? value.asText() : value.toString()) + "'";
                out.add("Value" + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
            }
            return holds;
        }
    }
}
