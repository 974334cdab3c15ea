package kvspoolguard.enforcer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kvspoolguard.core.StateChange;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;

/**
 * The EventBridge events the enforcer is invoked with: the schedule, a KVS pool state change from
 * {@code aws.chime}, CloudTrail's record of a call of the pool API or on a pool's stream, or a run
 * requested through the API. Anything else is refused with a message saying why.
 */
sealed interface EnforcerEvent {

    String SCHEDULE_SOURCE = "aws.events";
    String SCHEDULE_DETAIL_TYPE = "Scheduled Event";
    String CHIME_SOURCE = "aws.chime";
    String CHIME_DETAIL_TYPE = "Chime Media Pipeline Kinesis Video Pool State Change";
    String EVENT_TYPE_PREFIX = StateChange.EVENT_TYPE_PREFIX;
    String GUARD_SOURCE = EventType.SOURCE;
    String REQUESTED_DETAIL_TYPE = EventType.ENFORCEMENT_REQUESTED.detailType();

    String id();

    /**
     * The schedule fired: sweep every pool. {@code schedule} is the schedule's ARN (EventBridge
     * Scheduler's, or a scheduled rule's), {@code time} the time it was due.
     */
    record Scheduled(String id, String schedule, Instant time) implements EnforcerEvent {

        /**
         * The run this firing starts, named after the schedule and its scheduled time: a retried
         * attempt of the same firing (EventBridge Scheduler gives each attempt a new execution id,
         * the event's {@code id}) is the same run. A name-based UUID (RFC 9562, version 3) of
         * {@code <schedule>@<time>}, the time as ISO-8601 in UTC.
         */
        String runId() {
            return UUID.nameUUIDFromBytes((schedule + "@" + time).getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    /** An API caller asked for a run: every pool ({@code pools} null) or those named. */
    @RecordBuilder
    record EnforcementRequested(String id, String runId, boolean dryRun, List<PoolRef> pools) implements EnforcerEvent {

        static EnforcerEventEnforcementRequestedBuilder builder() {
            return EnforcerEventEnforcementRequestedBuilder.builder();
        }
    }

    /** A pool changed state, as the core takes it ({@code state}). */
    record PoolStateChange(String id, StateChange state) implements EnforcerEvent {

        PoolRef pool() {
            return state.pool();
        }

        /** The event type without its prefix (Active, Updated, ...). */
        String change() {
            return state.change();
        }
    }

    /** CloudTrail's record of a call of the pool API that changed a pool (see {@link PoolApiCalls}). */
    record PoolApiCall(String id, PoolCall call) implements EnforcerEvent {
    }

    /** CloudTrail's record of a call on a pool's stream (see {@link StreamApiCalls}). */
    record StreamApiCall(String id, StreamCall call) implements EnforcerEvent {
    }

    /**
     * CloudTrail's record of a call on a resource that is not a pool nor a pool's stream (TagResource
     * of another resource, UpdateDataRetention of another stream): not the guard's; logged.
     */
    record OtherResourceCalled(String id, String eventName, String resourceArn, String callId) implements EnforcerEvent {
    }

    /** CloudTrail's record of a call (of the pool API, or on a stream) that failed: it changed nothing, and is only logged. */
    @RecordBuilder
    record FailedApiCall(String id, String eventName, String errorCode, String callId) implements EnforcerEvent {

        static EnforcerEventFailedApiCallBuilder builder() {
            return EnforcerEventFailedApiCallBuilder.builder();
        }
    }

    ObjectMapper JSON = JsonMapper.builder().build();
    /** EventBridge's largest event: anything bigger did not come from a rule. */
    int MAX_BYTES = 256 * 1024;

    static EnforcerEvent parse(byte[] input) {
        if (input.length > MAX_BYTES) {
            throw new MalformedEventException("the event is " + input.length + " bytes, over EventBridge's limit of "
                    + MAX_BYTES, null);
        }
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (IOException e) {
            throw new MalformedEventException("the event is not JSON: " + e.getMessage(), e);
        }
        if (event == null || !event.isObject()) {
            throw new MalformedEventException("the event must be a JSON object (an EventBridge event)", null);
        }
        String id = field(event, "id");
        String source = field(event, "source");
        String detailType = field(event, "detail-type");
        if (SCHEDULE_SOURCE.equals(source) && SCHEDULE_DETAIL_TYPE.equals(detailType)) {
            JsonNode resources = event.path("resources");
            Instant time = time(event.path("time").asText(null));
            if (resources.size() != 1 || time == null) {
                throw new MalformedEventException("a scheduled event names its schedule (resources, one ARN) and the "
                        + "time it was due (time)", null);
            }
            return new Scheduled(id, text(resources.get(0), "resources[0]"), time);
        }
        if (CHIME_SOURCE.equals(source) && CHIME_DETAIL_TYPE.equals(detailType)) {
            PoolStateChange change = poolStateChange(id, event.path("detail"));
            // a forwarded event keeps the account and region it happened in: its pool must be theirs
            String account = event.path("account").asText(change.pool().account());
            String region = event.path("region").asText(change.pool().region());
            if (!account.equals(change.pool().account()) || !region.equals(change.pool().region())) {
                throw new MalformedEventException("detail.poolArn names a pool of account " + change.pool().account()
                        + ", region " + change.pool().region() + ", but the event came from account " + account
                        + ", region " + region, null);
            }
            return change;
        }
        if (GUARD_SOURCE.equals(source) && REQUESTED_DETAIL_TYPE.equals(detailType)) {
            return requested(id, event.path("detail"));
        }
        if (CloudTrailRecord.DETAIL_TYPE.equals(detailType)) {
            CloudTrailRecord record = CloudTrailRecord.of(id, source, event);
            return StreamApiCalls.EVENT_SOURCE.equals(record.eventSource()) ? StreamApiCalls.parse(record)
                    : PoolApiCalls.parse(record);
        }
        throw new MalformedEventException("unsupported event: source '" + source + "', detail-type '" + detailType
                + "' (expected a schedule, an aws.chime pool state change, CloudTrail's record of a pool API call "
                + "or of a call on a pool's stream, or a requested enforcement)", null);
    }

    private static PoolStateChange poolStateChange(String id, JsonNode detail) {
        if (!detail.isObject()) {
            throw new MalformedEventException("the pool state change has no detail object", null);
        }
        String type = text(detail.get("eventType"), "detail.eventType");
        if (!type.startsWith(EVENT_TYPE_PREFIX) || type.length() == EVENT_TYPE_PREFIX.length()) {
            throw new MalformedEventException("unknown pool event type '" + type + "'", null);
        }
        PoolRef pool;
        try {
            pool = PoolRef.fromArn(text(detail.get("poolArn"), "detail.poolArn"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("detail.poolArn: " + e.getMessage(), e);
        }
        JsonNode timestamp = detail.get("timestamp");
        if (timestamp == null || !timestamp.canConvertToLong()) {
            throw new MalformedEventException("detail.timestamp must be epoch milliseconds, got " + timestamp, null);
        }
        return new PoolStateChange(id, new StateChange(pool, type, Instant.ofEpochMilli(timestamp.asLong())));
    }

    private static EnforcementRequested requested(String id, JsonNode detail) {
        String runId = text(detail.get("runId"), "detail.runId");
        JsonNode dryRun = detail.get("dryRun");
        if (dryRun == null || !dryRun.isBoolean()) {
            throw new MalformedEventException("detail.dryRun must be true or false", null);
        }
        JsonNode named = detail.get("pools");
        if (named == null || named.isNull()) {
            return EnforcementRequested.builder().id(id).runId(runId).dryRun(dryRun.asBoolean()).build();
        }
        if (!named.isArray() || named.isEmpty()) {
            throw new MalformedEventException("detail.pools must be null or a non-empty list of pools", null);
        }
        List<PoolRef> pools = new ArrayList<>();
        for (JsonNode pool : named) {
            try {
                JsonNode arn = pool.get("arn");
                pools.add(arn != null && arn.isTextual() ? PoolRef.fromArn(arn.asText())
                        : PoolRef.named(new Shard(text(pool.get("account"), "detail.pools[].account"),
                                text(pool.get("region"), "detail.pools[].region")), text(pool.get("name"),
                                "detail.pools[].name")));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("detail.pools: " + e.getMessage(), e);
            }
        }
        return EnforcementRequested.builder().id(id).runId(runId).dryRun(dryRun.asBoolean()).pools(List.copyOf(pools))
                .build();
    }

    private static String field(JsonNode event, String name) {
        return text(event.get(name), name);
    }

    private static String text(JsonNode value, String where) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("the event has no '" + where + "' string", null);
        }
        return value.asText();
    }

    private static Instant time(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("the event's time is not an ISO-8601 instant: " + text, e);
        }
    }
}
