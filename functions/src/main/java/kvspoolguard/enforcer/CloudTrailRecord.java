package kvspoolguard.enforcer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.pool.Shard;

/**
 * One CloudTrail record as EventBridge delivers it ({@code detail-type} "AWS API Call via
 * CloudTrail"), read as far as every kind of call the enforcer keeps needs it: what was called, its
 * record's id and time, whether it failed, where it was made and by whom. Only what {@link Actor}
 * holds is read of the caller: never an access key id, a session token or the like.
 */
record CloudTrailRecord(String id, JsonNode event, JsonNode detail) {

    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";

    /** A record of AWS's own (no custom event can take an {@code aws.} source) with a detail object. */
    static CloudTrailRecord of(String id, String source, JsonNode event) {
        if (!source.startsWith("aws.")) {
            throw new MalformedEventException("a CloudTrail record must come from AWS (source aws.*), not from '"
                    + source + "'", null);
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new MalformedEventException("the CloudTrail record has no detail object", null);
        }
        return new CloudTrailRecord(id, event, detail);
    }

    String eventSource() {
        return detail.path("eventSource").asText("");
    }

    String eventName() {
        return detail.path("eventName").asText("");
    }

    String callId() {
        return text(detail, "eventID");
    }

    Instant at() {
        String text = text(detail, "eventTime");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("the CloudTrail record's eventTime is not an ISO-8601 instant: " + text, e);
        }
    }

    /** The error the call failed with; null when it succeeded. */
    String errorCode() {
        return optional(detail, "errorCode");
    }

    JsonNode request() {
        return detail.path("requestParameters");
    }

    /** The account and region of the call, which a forwarded event must have come from. */
    Shard shard() {
        String region = text(detail, "awsRegion");
        String account = detail.path("recipientAccountId").asText(event.path("account").asText(""));
        if (!account.matches("\\d{12}")) {
            throw new MalformedEventException("the CloudTrail record names no account (recipientAccountId)", null);
        }
        String envelopeAccount = event.path("account").asText(account);
        String envelopeRegion = event.path("region").asText(region);
        if (!envelopeAccount.equals(account) || !envelopeRegion.equals(region)) {
            throw new MalformedEventException("the CloudTrail record is of account " + account + ", region " + region
                    + ", but the event came from account " + envelopeAccount + ", region " + envelopeRegion, null);
        }
        return new Shard(account, region);
    }

    Actor actor() {
        JsonNode identity = detail.path("userIdentity");
        return Actor.recorded(optional(identity, "arn"))
                .sessionIssuerArn(optional(identity.path("sessionContext").path("sessionIssuer"), "arn"))
                .sourceIpAddress(optional(detail, "sourceIPAddress")).userAgent(optional(detail, "userAgent")).build();
    }

    /** The AWS service that made the call on someone's behalf (userIdentity.invokedBy); null when none. */
    String invokedBy() {
        return optional(detail.path("userIdentity"), "invokedBy");
    }

    /** A member as CloudTrail may spell it: {@code name}, or else {@code other} (camelCase or the API's own). */
    static JsonNode either(JsonNode node, String name, String other) {
        JsonNode value = node.path(name);
        return value.isMissingNode() ? node.path(other) : value;
    }

    static String optional(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("the CloudTrail record has no '" + name + "' string", null);
        }
        return value.asText();
    }
}
