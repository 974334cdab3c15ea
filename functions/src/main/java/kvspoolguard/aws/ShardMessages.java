package kvspoolguard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;

/**
 * A shard step as an SQS message: a JSON body, in the group of its shard (so that a shard's steps
 * are taken one at a time, in order, across runs) and deduplicated by run, shard and step (so that
 * a step sent twice, by a retried planner or a redelivered worker, is queued once).
 */
public final class ShardMessages {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ShardMessages() {
    }

    public static String body(ShardStep step) {
        ObjectNode body = JSON.createObjectNode();
        body.put("runId", step.runId());
        body.put("trigger", step.trigger().wireName());
        body.put("dryRun", step.dryRun());
        body.put("account", step.shard().account());
        body.put("region", step.shard().region());
        body.put("step", step.step());
        body.put("pageToken", step.pageToken());
        return body.toString();
    }

    static String group(ShardStep step) {
        return step.shard().account() + "-" + step.shard().region();
    }

    static String deduplicationId(ShardStep step) {
        // at most 128 characters: a run id is an event or request id (a UUID), the rest is short
        return step.runId() + "-" + group(step) + "-" + step.step();
    }

    /**
     * The step a message body holds.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static ShardStep parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the message is not a JSON object");
        }
        String trigger = text(json, "trigger");
        Trigger.Kind kind;
        try {
            kind = Trigger.Kind.valueOf(trigger.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trigger '" + trigger + "' is none of schedule, api");
        }
        JsonNode dryRun = json.get("dryRun");
        if (dryRun == null || !dryRun.isBoolean()) {
            throw new IllegalArgumentException("dryRun must be true or false");
        }
        JsonNode step = json.get("step");
        if (step == null || !step.canConvertToInt() || !step.isIntegralNumber()) {
            throw new IllegalArgumentException("step must be a whole number");
        }
        JsonNode token = json.get("pageToken");
        if (token != null && !token.isNull() && !token.isTextual()) {
            throw new IllegalArgumentException("pageToken must be a string or null");
        }
        Shard shard = new Shard(text(json, "account"), text(json, "region"));
        return ShardStep.builder().runId(text(json, "runId")).trigger(kind).dryRun(dryRun.booleanValue()).shard(shard)
                .step(step.intValue()).pageToken(token == null || token.isNull() ? null : token.textValue()).build();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.textValue();
    }
}
