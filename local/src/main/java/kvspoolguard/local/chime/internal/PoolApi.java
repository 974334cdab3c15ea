package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.Operation;

/**
 * One handler per operation: takes the validated input (members named as in the model) and where
 * the call acts (its access key's account, the region it was signed for), returns the output
 * document (null for an empty 204 body).
 */
public final class PoolApi {

    /** Serves one operation. */
    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(AccountRegion where, JsonNode input);
    }

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final PageTokens TOKENS = new PageTokens("v1|", ErrorType.BAD_REQUEST);

    private final PoolStore store;

    public PoolApi(PoolStore store) {
        this.store = store;
    }

    public Map<Operation, Handler> handlers() {
        return Map.of(
                Operation.CREATE_POOL, this::create,
                Operation.GET_POOL, (where, in) -> configuration(store.get(where, in.path("Identifier").asText())),
                Operation.UPDATE_POOL, this::update,
                Operation.LIST_POOLS, this::list,
                Operation.DELETE_POOL, (where, in) -> {
                    store.delete(where, in.path("Identifier").asText());
                    return null;
                },
                Operation.TAG_RESOURCE, (where, in) -> {
                    store.tag(where, in.path("ResourceARN").asText(), tagMap(in.path("Tags")));
                    return null;
                },
                Operation.UNTAG_RESOURCE, (where, in) -> {
                    List<String> keys = new ArrayList<>();
                    in.path("TagKeys").forEach(k -> keys.add(k.asText()));
                    store.untag(where, in.path("ResourceARN").asText(), keys);
                    return null;
                },
                Operation.LIST_TAGS_FOR_RESOURCE, (where, in) -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.set("Tags", tagList(store.tags(where, in.path("ResourceARN").asText())));
                    return out;
                });
    }

    private ObjectNode create(AccountRegion where, JsonNode in) {
        JsonNode config = in.path("StreamConfiguration");
        Integer retention = config.has("DataRetentionInHours") ? config.path("DataRetentionInHours").asInt() : null;
        return configuration(store.create(where, in.path("PoolName").asText(), config.path("Region").asText(),
                retention, in.path("ClientRequestToken").asText(null), tagMap(in.path("Tags"))));
    }

    private ObjectNode update(AccountRegion where, JsonNode in) {
        JsonNode config = in.path("StreamConfiguration");
        Integer retention = config.has("DataRetentionInHours") ? config.path("DataRetentionInHours").asInt() : null;
        return configuration(store.update(where, in.path("Identifier").asText(), retention));
    }

    private ObjectNode list(AccountRegion where, JsonNode in) {
        int limit = in.has("MaxResults") ? in.path("MaxResults").asInt() : DEFAULT_PAGE_SIZE;
        PoolStore.Page page = store.list(where, TOKENS.decode(in.path("NextToken").asText(null)), limit);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode summaries = out.putArray("KinesisVideoStreamPools");
        for (PoolStore.StoredPoolView view : page.pools()) {
            summaries.addObject()
                    .put("PoolName", view.pool().name())
                    .put("PoolId", view.pool().poolId())
                    .put("PoolArn", view.arn());
        }
        if (page.lastName() != null) {
            out.put("NextToken", TOKENS.encode(page.lastName()));
        }
        return out;
    }


    private static ObjectNode configuration(PoolStore.StoredPoolView view) {
        EmulatedPool pool = view.pool();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode config = out.putObject("KinesisVideoStreamPoolConfiguration")
                .put("PoolArn", view.arn())
                .put("PoolName", pool.name())
                .put("PoolId", pool.poolId())
                .put("PoolStatus", pool.status().name());
        if (pool.poolSize() != null) {
            config.put("PoolSize", pool.poolSize());
        }
        ObjectNode stream = config.putObject("StreamConfiguration").put("Region", pool.streamRegion());
        if (pool.dataRetentionInHours() != null) {
            stream.put("DataRetentionInHours", pool.dataRetentionInHours());
        }
        config.put("CreatedTimestamp", pool.createdTimestamp().toString());
        config.put("UpdatedTimestamp", pool.updatedTimestamp().toString());
        return out;
    }

    private static Map<String, String> tagMap(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText()));
        return map;
    }

    private static ArrayNode tagList(Map<String, String> tags) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return list;
    }
}
