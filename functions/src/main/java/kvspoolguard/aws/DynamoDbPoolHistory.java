package kvspoolguard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.history.HistoryException;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.history.PoolHistory;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.json.EventJson;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The pools' history in the state table: an item per event and pool ({@code history#<pool>#<event id>},
 * so keeping an event twice writes the same item), read through the table's index {@code history}
 * by pool ({@code historyOf}) and time ({@code at}, fixed-width so that text order is time order),
 * newest first. Each item expires through the table's TTL attribute {@code expiresAt}, the
 * retention after its event's time.
 */
public final class DynamoDbPoolHistory implements PoolHistory {

    static final String INDEX = "history";
    private static final int BATCH = 25; // BatchWriteItem's most
    private static final int ATTEMPTS = 5;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ArchiveTable table;

    /** Each event kept in the state table {@code table} for {@code retention} after its time. */
    public DynamoDbPoolHistory(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.table = new ArchiveTable(dynamoDb, table, retention);
    }

    /** The history's key of a pool: its account, region and name, whether it is named by ARN or not. */
    static String key(PoolRef pool) {
        return pool.account() + "/" + pool.region() + "/" + pool.name();
    }

    @Override
    public void keep(List<GuardEvent> events) {
        List<WriteRequest> writes = new ArrayList<>();
        for (GuardEvent event : events) {
            for (String arn : event.resources()) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(event,
                        key(PoolRef.fromArn(arn)))).build()).build());
            }
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            write(writes.subList(from, Math.min(writes.size(), from + BATCH)));
        }
    }

    private Map<String, AttributeValue> item(GuardEvent event, String pool) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("history#" + pool + "#" + event.eventId()));
        item.put("historyOf", AttributeValue.fromS(pool));
        item.put("at", AttributeValue.fromS(AT.format(event.time()) + "#" + event.eventId()));
        item.put("eventId", AttributeValue.fromS(event.eventId()));
        item.put("detailType", AttributeValue.fromS(event.type().detailType()));
        item.put("time", AttributeValue.fromS(event.time().toString()));
        item.put("detail", AttributeValue.fromS(EventJson.text(event.detail())));
        item.put("expiresAt", table.expiresAt(event.time()));
        return item;
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table.name(), batch);
        try {
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new HistoryException(HistoryException.Kind.UNAVAILABLE, table.name() + " left "
                            + pending.get(table.name()).size() + " history items unwritten after " + ATTEMPTS + " attempts", null);
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse answer = table.dynamoDb().batchWriteItem(r -> r.requestItems(request));
                pending = answer.hasUnprocessedItems() ? answer.unprocessedItems() : Map.of();
            }
        } catch (SdkException e) {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "could not keep history in " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public HistoryPage page(PoolRef pool, HistoryQuery query) {
        Instant since = query.since();
        int limit = query.limit();
        String token = query.token();
        String key = key(pool);
        Map<String, AttributeValue> start = token == null ? null : fromToken(token, key);
        Map<String, String> names = new HashMap<>(Map.of("#p", "historyOf"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(key));
        String condition = "#p = :p";
        if (since != null) {
            names.put("#a", "at");
            values.put(":since", AttributeValue.fromS(AT.format(since)));
            condition += " AND #a >= :since";
        }
        String keyCondition = condition;
        QueryResponse answer;
        try {
            answer = table.dynamoDb().query(r -> r.tableName(table.name()).indexName(INDEX).keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false)
                    .limit(limit).exclusiveStartKey(start));
        } catch (SdkException e) {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "could not read history from " + table.name()
                    + ": " + e.getMessage(), e);
        }
        List<GuardEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : answer.items()) {
            events.add(event(item));
        }
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
        return new HistoryPage(events, more ? toToken(answer.lastEvaluatedKey()) : null);
    }

    private GuardEvent event(Map<String, AttributeValue> item) {
        String detailType = item.get("detailType").s();
        EventType type = EventType.ofDetailType(detailType);
        AttributeValue detail = item.get("detail");
        if (type == null || detail == null) {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "history item " + item.get("pk").s() + " in "
                    + table.name() + " is " + (type == null ? "of a detail-type this version does not know: " + detailType
                    : "without its detail"), null);
        }
        try {
            return new GuardEvent(Instant.parse(item.get("time").s()), EventJson.read(type, detail.s()));
        } catch (IllegalArgumentException e) {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "history item " + item.get("pk").s() + " in "
                    + table.name() + " does not read: " + e.getMessage(), e);
        }
    }

    /** A page token: where the next page starts, for this pool only. */
    private static String toToken(Map<String, AttributeValue> last) {
        Map<String, String> position = Map.of("pk", last.get("pk").s(), "historyOf", last.get("historyOf").s(),
                "at", last.get("at").s());
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> fromToken(String token, String pool) {
        Map<String, String> position;
        try {
            position = JSON.readValue(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, String>>() {
                    });
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new HistoryException(HistoryException.Kind.BAD_TOKEN, "nextToken is not one this history issued", e);
        }
        if (position == null || !pool.equals(position.get("historyOf")) || position.get("pk") == null
                || position.get("at") == null || position.size() != 3) {
            throw new HistoryException(HistoryException.Kind.BAD_TOKEN, "nextToken is not one this history issued "
                    + "for this pool", null);
        }
        Map<String, AttributeValue> start = new HashMap<>();
        position.forEach((k, v) -> start.put(k, AttributeValue.fromS(v)));
        return start;
    }
}
