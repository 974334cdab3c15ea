package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.Operation;

/**
 * The Kinesis Video Streams operations on streams, one handler each, over the streams the
 * {@link PoolStore} keeps beside its pools. Inputs arrive validated against the KVS model.
 */
public final class StreamApi {

    private static final int DEFAULT_PAGE_SIZE = 10_000;
    private static final PageTokens TOKENS = new PageTokens("s1|", ErrorType.INVALID_ARGUMENT);

    private final PoolStore store;

    public StreamApi(PoolStore store) {
        this.store = store;
    }

    public Map<Operation, PoolApi.Handler> handlers() {
        return Map.of(
                Operation.LIST_STREAMS, this::list,
                Operation.DESCRIBE_STREAM, (where, in) -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.set("StreamInfo", info(store.describeStream(where, text(in, "StreamName"),
                            text(in, "StreamARN"))));
                    return out;
                },
                Operation.UPDATE_DATA_RETENTION, (where, in) -> {
                    store.updateStreamRetention(where, text(in, "StreamName"), text(in, "StreamARN"),
                            text(in, "CurrentVersion"), "INCREASE_DATA_RETENTION".equals(text(in, "Operation")),
                            in.path("DataRetentionChangeInHours").asInt());
                    return Json.MAPPER.createObjectNode();
                },
                Operation.DELETE_STREAM, (where, in) -> {
                    store.deleteStream(where, text(in, "StreamARN"), text(in, "CurrentVersion"));
                    return Json.MAPPER.createObjectNode();
                },
                Operation.CREATE_STREAM, (where, in) -> {
                    EmulatedStream made = store.createStream(where, text(in, "StreamName"),
                            in.path("DataRetentionInHours").asInt(0), text(in, "MediaType"), text(in, "KmsKeyId"),
                            text(in, "DeviceName"), tags(in.path("Tags")));
                    return Json.MAPPER.createObjectNode().put("StreamARN", made.arn());
                },
                Operation.TAG_STREAM, (where, in) -> {
                    store.tagStream(where, text(in, "StreamName"), text(in, "StreamARN"), tags(in.path("Tags")));
                    return Json.MAPPER.createObjectNode();
                },
                Operation.UNTAG_STREAM, (where, in) -> {
                    List<String> keys = new ArrayList<>();
                    in.path("TagKeyList").forEach(k -> keys.add(k.asText()));
                    store.untagStream(where, text(in, "StreamName"), text(in, "StreamARN"), keys);
                    return Json.MAPPER.createObjectNode();
                },
                Operation.LIST_TAGS_FOR_STREAM, (where, in) -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ObjectNode tags = out.putObject("Tags");
                    store.streamTags(where, text(in, "StreamName"), text(in, "StreamARN")).forEach(tags::put);
                    return out;
                });
    }

    private ObjectNode list(AccountRegion where, JsonNode in) {
        int limit = in.has("MaxResults") ? in.path("MaxResults").asInt() : DEFAULT_PAGE_SIZE;
        String prefix = in.path("StreamNameCondition").path("ComparisonValue").asText(null);
        StreamStore.Page page = store.listStreams(where, prefix, TOKENS.decode(text(in, "NextToken")), limit);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("StreamInfoList");
        page.streams().forEach(s -> list.add(info(s)));
        if (page.lastName() != null) {
            out.put("NextToken", TOKENS.encode(page.lastName()));
        }
        return out;
    }

    /** StreamInfo; CreationTime is epoch seconds, as rest-json writes a timestamp without a format. */
    private static ObjectNode info(EmulatedStream stream) {
        ObjectNode info = Json.MAPPER.createObjectNode()
                .put("StreamName", stream.name())
                .put("StreamARN", stream.arn())
                .put("Version", stream.version())
                .put("Status", stream.status())
                .put("CreationTime", BigDecimal.valueOf(stream.createdTimestamp().toEpochMilli(), 3))
                .put("DataRetentionInHours", stream.dataRetentionInHours());
        if (stream.mediaType() != null) {
            info.put("MediaType", stream.mediaType());
        }
        if (stream.kmsKeyId() != null) {
            info.put("KmsKeyId", stream.kmsKeyId());
        }
        return info;
    }


    private static String text(JsonNode in, String member) {
        return in.path(member).asText(null);
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
