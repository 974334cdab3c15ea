package kvspoolguard.enforcer;

import static kvspoolguard.enforcer.CloudTrailRecord.either;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;

/**
 * CloudTrail's records of the pool API's calls (and of the tagging of pools), as EventBridge delivers them ({@code detail-type}
 * "AWS API Call via CloudTrail", read by {@link CloudTrailRecord}). AWS documents the
 * {@code eventSource}, not the envelope's {@code source} for this service, so they are told apart
 * by detail-type, eventSource and eventName; the source is only required to be AWS's. The rule
 * that delivers them is {@code PoolApiCalls} in template.yaml, the one place its pattern is written
 * (TemplateTest and MemberTemplateTest hold the other rules to it).
 */
final class PoolApiCalls {

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
    static EnforcerEvent parse(CloudTrailRecord record) {
        String eventName = record.eventName();
        if (!EVENT_SOURCE.equals(record.eventSource()) || !EVENT_NAMES.contains(eventName)) {
            throw new MalformedEventException("unsupported CloudTrail record: eventSource '" + record.eventSource()
                    + "', eventName '" + eventName + "' (expected " + EVENT_SOURCE + " and one of " + EVENT_NAMES
                    + ", or " + StreamApiCalls.EVENT_SOURCE + " and one of " + StreamApiCalls.EVENT_NAMES + ")", null);
        }
        String callId = record.callId();
        Instant at = record.at();
        String errorCode = record.errorCode();
        if (errorCode != null) {
            // a failed call changed nothing: reported in the log, never recorded
            return EnforcerEvent.FailedApiCall.builder().id(record.id()).eventName(eventName).errorCode(errorCode)
                    .callId(callId).build();
        }
        JsonNode request = record.request();
        if (TAG_CALLS.contains(eventName)) {
            String resource = either(request, "resourceARN", "ResourceARN").asText("");
            if (!resource.contains(POOL_RESOURCE)) {
                return new EnforcerEvent.OtherResourceCalled(record.id(), eventName, resource, callId);
            }
        }
        PoolRef pool = pool(record.shard(), eventName, record.detail());
        JsonNode hours = either(either(request, "StreamConfiguration", "streamConfiguration"),
                "DataRetentionInHours", "dataRetentionInHours");
        if (!hours.isMissingNode() && !hours.isNull() && !hours.canConvertToInt()) {
            throw new MalformedEventException("requestParameters.StreamConfiguration.DataRetentionInHours must be a "
                    + "whole number, got " + hours.getNodeType(), null);
        }
        PoolCall.Action action = switch (eventName) {
            case "CreateMediaPipelineKinesisVideoStreamPool" -> PoolCall.Action.CREATE;
            case "UpdateMediaPipelineKinesisVideoStreamPool" -> PoolCall.Action.UPDATE;
            case "TagResource" -> PoolCall.Action.TAG;
            case "UntagResource" -> PoolCall.Action.UNTAG;
            default -> PoolCall.Action.DELETE;
        };
        return new EnforcerEvent.PoolApiCall(record.id(), PoolCall.builder(callId, action, pool).actor(record.actor())
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
}
