package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What RIE answered to one invocation, and what that means. RIE sends every outcome but a
 * runtime's exit with status 200, and no header saying that the function failed: a function's
 * error is recognised by its document's shape, as the SAM CLI recognises it; a timeout by RIE's
 * own text. Status 0 stands for no answer at all (RIE died).
 */
record RieAnswer(int status, byte[] body) {

    private static final Set<String> ERROR_DOCUMENT = Set.of("errorMessage", "errorType", "stackTrace", "cause");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How an invocation ended. */
    enum Outcome {
        ANSWERED, FAILED, TIMED_OUT, EXITED, NO_ANSWER;

        /** Whether the runtime is gone, so that the next invocation initialises a new one. */
        boolean endedTheRuntime() {
            return this == TIMED_OUT || this == EXITED || this == NO_ANSWER;
        }
    }

    /** No answer from RIE: an error document of the given type, as a failed invocation has. */
    static RieAnswer none(String errorType, String message) {
        byte[] document = JSON.createObjectNode().put("errorMessage", message).put("errorType", errorType).toString()
                .getBytes(StandardCharsets.UTF_8);
        return new RieAnswer(0, document);
    }

    Outcome outcome() {
        if (status == 0) {
            return Outcome.NO_ANSWER;
        }
        if (status == 502) {
            return Outcome.EXITED;
        }
        if (status / 100 != 2) {
            return Outcome.FAILED;
        }
        if (new String(body, StandardCharsets.UTF_8).startsWith("Task timed out after ")) {
            return Outcome.TIMED_OUT;
        }
        return isErrorDocument() ? Outcome.FAILED : Outcome.ANSWERED;
    }

    /** Lambda's error type when the invocation failed, null when the function answered. */
    String errorType() {
        return switch (outcome()) {
            case ANSWERED -> null;
            case TIMED_OUT -> "Sandbox.Timedout";
            case EXITED, FAILED, NO_ANSWER -> {
                JsonNode document = parse();
                String type = document == null ? "" : document.path("errorType").asText("");
                yield type.isEmpty() ? "Runtime.Unknown" : type;
            }
        };
    }

    private boolean isErrorDocument() {
        JsonNode node = parse();
        if (node == null || !node.isObject() || !node.has("errorMessage") || !node.has("errorType")) {
            return false;
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            if (!ERROR_DOCUMENT.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode parse() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
