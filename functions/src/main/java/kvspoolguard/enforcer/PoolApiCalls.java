package kvspoolguard.enforcer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;

/**
 * CloudTrail's records of the pool API's calls (and of the tagging of pools), as EventBridge delivers them ({@code detail-type}
 * "AWS API Call via CloudTrail"). AWS documents the {@code eventSource}, not the envelope's
 * {@code source} for this service, so they are told apart by detail-type, eventSource and
 * eventName; the source is only required to be AWS's (no custom event can take an {@code aws.}
 * source). The rule that delivers them is {@code PoolApiCalls} in template.yaml, the one place its
 * pattern is written (TemplateTest and MemberTemplateTest hold the other rules to it). Only what
 * {@link Actor} holds is read of the caller: never an access key id, a session token or the like.
 */
final class PoolApiCalls {

    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    static final String EVENT_SOURCE = "chime-sdk-media-pipelines.amazonaws.com";
    static final List<String> EVENT_NAMES = List.of("CreateMediaPipelineKinesisVideoStreamPool",
            "UpdateMediaPipelineKinesisVideoStreamPool", "DeleteMediaPipelineKinesisVideoStreamPool", "TagResource",
            "UntagResource");
    /** The calls that tag any resource of the service: only those on a pool are the guard's. */
    private static final List<String> TAG_CALLS = List.of("TagResource", "UntagResource");
    private static final String POOL_RESOURCE = ":media-pipeline-kinesis-video-stream-pool/";

    private PoolApiCalls() {
    }

    /** The call a record reports, or the reason it is not one to keep (a failed call). */
    static EnforcerEvent parse(String id, String source, JsonNode event) {
        if (!source.startsWith("aws.")) {
            throw new MalformedEventException("a CloudTrail record must come from AWS (source aws.*), not from '"
                    + source + "'", null);
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new MalformedEventException("the CloudTrail record has no detail object", null);
        }
        String eventSource = detail.path("eventSource").asText("");
        String eventName = detail.path("eventName").asText("");
        if (!EVENT_SOURCE.equals(eventSource) || !EVENT_NAMES.contains(eventName)) {
            throw new MalformedEventException("unsupported CloudTrail record: eventSource '" + eventSource
                    + "', eventName '" + eventName + "' (expected " + EVENT_SOURCE + " and one of " + EVENT_NAMES + ")",
                    null);
        }
        String callId = text(detail, "eventID");
        Instant at = instant(text(detail, "eventTime"));
        String errorCode = optional(detail, "errorCode");
        if (errorCode != null) {
            // a failed call changed nothing: reported in the log, never recorded
            return EnforcerEvent.FailedPoolApiCall.builder().id(id).eventName(eventName).errorCode(errorCode)
                    .callId(callId).build();
        }
        if (TAG_CALLS.contains(eventName)) {
            String resource = either(detail.path("requestParameters"), "resourceARN", "ResourceARN").asText("");
            if (!resource.contains(POOL_RESOURCE)) {
                return new EnforcerEvent.OtherResourceTagged(id, eventName, resource, callId);
            }
        }
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
        JsonNode request = detail.path("requestParameters");
        PoolRef pool = pool(new Shard(account, region), eventName, detail);
        JsonNode hours = either(either(request, "StreamConfiguration", "streamConfiguration"),
                "DataRetentionInHours", "dataRetentionInHours");
        if (!hours.isMissingNode() && !hours.isNull() && !hours.canConvertToInt()) {
            throw new MalformedEventException("requestParameters.StreamConfiguration.DataRetentionInHours must be a "
                    + "whole number, got " + hours.getNodeType(), null);
        }
        JsonNode identity = detail.path("userIdentity");
        Actor actor = Actor.recorded(optional(identity, "arn"))
                .sessionIssuerArn(optional(identity.path("sessionContext").path("sessionIssuer"), "arn"))
                .sourceIpAddress(optional(detail, "sourceIPAddress")).userAgent(optional(detail, "userAgent")).build();
        PoolCall.Action action = switch (eventName) {
            case "CreateMediaPipelineKinesisVideoStreamPool" -> PoolCall.Action.CREATE;
            case "UpdateMediaPipelineKinesisVideoStreamPool" -> PoolCall.Action.UPDATE;
            case "TagResource" -> PoolCall.Action.TAG;
            case "UntagResource" -> PoolCall.Action.UNTAG;
            default -> PoolCall.Action.DELETE;
        };
        return new EnforcerEvent.PoolApiCall(id, PoolCall.builder(callId, action, pool).actor(actor)
                .requestedHours(hours.canConvertToInt() ? hours.asInt() : null).at(at).build());
    }

    /**
     * The pool called: the ARN the answer gives (Create, Update), else the identifier the request
     * gave (its ARN or name), else the name a Create asked for.
     */
    private static PoolRef pool(Shard shard, String eventName, JsonNode detail) {
        JsonNode request = detail.path("requestParameters");
        JsonNode response = detail.path("responseElements");
        JsonNode arn = either(response, "KinesisVideoStreamPoolConfiguration", "kinesisVideoStreamPoolConfiguration")
                .path("PoolArn");
        String identifier = arn.isTextual() ? arn.asText()
                : TAG_CALLS.contains(eventName) ? either(request, "resourceARN", "ResourceARN").asText("")
                : either(request, "identifier", "Identifier").asText(either(request, "PoolName", "poolName").asText(""));
        if (identifier.isBlank()) {
            throw new MalformedEventException("the CloudTrail record of " + eventName + " names no pool "
                    + "(requestParameters.identifier)", null);
        }
        if (!identifier.startsWith("arn:")) {
            return PoolRef.named(shard, identifier);
        }
        PoolRef ref;
        try {
            ref = PoolRef.fromArn(identifier);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the CloudTrail record's pool: " + e.getMessage(), e);
        }
        if (!ref.shard().equals(shard)) {
            throw new MalformedEventException("the CloudTrail record names a pool of account " + ref.account()
                    + ", region " + ref.region() + ", but the call was made in account " + shard.account()
                    + ", region " + shard.region(), null);
        }
        return ref;
    }

    private static JsonNode either(JsonNode node, String name, String other) {
        JsonNode value = node.path(name);
        return value.isMissingNode() ? node.path(other) : value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("the CloudTrail record has no '" + name + "' string", null);
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("the CloudTrail record's eventTime is not an ISO-8601 instant: " + text, e);
        }
    }
}
