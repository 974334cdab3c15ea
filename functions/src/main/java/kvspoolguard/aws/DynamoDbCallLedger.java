package kvspoolguard.aws;

import static kvspoolguard.aws.Items.n;
import static kvspoolguard.aws.Items.put;
import static kvspoolguard.aws.Items.s;
import static kvspoolguard.aws.Items.text;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.attribution.CallLedger;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.core.state.StateStoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The pool API's calls in the state table: one item per pool, {@code calls#<account>/<region>/<name>},
 * with a version for conditional writes. It holds what {@link Actor} holds and nothing more of a
 * CloudTrail record. The item expires through the table's TTL ({@code expiresAt}) as the pool's
 * history does, counted from its newest call, so a pool long gone leaves nothing behind.
 */
public final class DynamoDbCallLedger implements CallLedger {

    private static final String KEY_PREFIX = "calls#";

    private final ArchiveTable table;

    /** A pool's calls in the state table {@code table}, kept {@code retention} after the newest. */
    public DynamoDbCallLedger(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.table = new ArchiveTable(dynamoDb, table, retention);
    }

    private static Map<String, AttributeValue> key(PoolRef pool) {
        return Map.of("pk", s(KEY_PREFIX + DynamoDbPoolHistory.key(pool)));
    }

    @Override
    public Entry read(PoolRef pool) {
        Map<String, AttributeValue> item;
        try {
            item = table.dynamoDb().getItem(r -> r.tableName(table.name()).consistentRead(true).key(key(pool))).item();
        } catch (SdkException e) {
            throw new StateStoreException("could not read the calls of " + pool.identifier() + " from " + table.name()
                    + ": " + e.getMessage(), e);
        }
        if (item == null || item.isEmpty()) {
            return Entry.empty();
        }
        List<PoolCall> calls = item.getOrDefault("calls", AttributeValue.fromL(List.of())).l().stream()
                .map(c -> call(pool, c.m())).toList();
        Map<String, String> claims = new HashMap<>();
        item.getOrDefault("claims", AttributeValue.fromM(Map.of())).m().forEach((drift, call) -> claims.put(drift,
                call.s()));
        List<GuardEvent> outbox = item.getOrDefault("outbox", AttributeValue.fromM(Map.of())).m().values().stream()
                .map(e -> DynamoDbStateStore.fromEntry(e.m()).event()).toList();
        return Entry.empty().with(calls, claims, outbox).at(Long.parseLong(item.get("version").n()));
    }

    @Override
    public boolean writeIf(PoolRef pool, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(pool));
        item.put("version", n(entry.version() + 1));
        item.put("calls", AttributeValue.fromL(entry.calls().stream().map(c -> AttributeValue.fromM(item(c))).toList()));
        Map<String, AttributeValue> claims = new HashMap<>();
        entry.claims().forEach((drift, call) -> claims.put(drift, s(call)));
        item.put("claims", AttributeValue.fromM(claims));
        Map<String, AttributeValue> outbox = new LinkedHashMap<>();
        entry.outbox().forEach(e -> outbox.put(e.eventId(),
                AttributeValue.fromM(DynamoDbStateStore.toEntry(new OutboxEvent(e, e.time(), null)))));
        item.put("outbox", AttributeValue.fromM(outbox));
        Instant newest = entry.calls().stream().map(PoolCall::at).max(Instant::compareTo).orElse(Instant.now());
        item.put("expiresAt", table.expiresAt(newest));
        try {
            table.dynamoDb().putItem(r -> {
                r.tableName(table.name()).item(item);
                if (entry.version() == 0) {
                    r.conditionExpression("attribute_not_exists(pk)");
                } else {
                    r.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                            .expressionAttributeValues(Map.of(":expected", n(entry.version())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StateStoreException("could not record the calls of " + pool.identifier() + " in " + table.name()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> item(PoolCall call) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(call.callId()));
        m.put("action", s(call.action().name()));
        put(m, "arn", call.pool().arn());
        put(m, "actorArn", call.actor().principal());
        put(m, "issuerArn", call.actor().sessionIssuerArn());
        put(m, "sourceIp", call.actor().sourceIpAddress());
        put(m, "userAgent", call.actor().userAgent());
        if (call.requestedHours() != null) {
            m.put("hours", n(call.requestedHours()));
        }
        m.put("at", s(call.at().toString()));
        put(m, "errorCode", call.errorCode());
        return m;
    }

    private static PoolCall call(PoolRef pool, Map<String, AttributeValue> m) {
        AttributeValue hours = m.get("hours");
        String arn = text(m, "arn");
        PoolRef called = arn != null ? PoolRef.fromArn(arn) : pool;
        return PoolCall.builder(m.get("id").s(), PoolCall.Action.valueOf(m.get("action").s()), called)
                .actor(Actor.recorded(text(m, "actorArn")).sessionIssuerArn(text(m, "issuerArn"))
                        .sourceIpAddress(text(m, "sourceIp")).userAgent(text(m, "userAgent")).build())
                .requestedHours(hours == null ? null : Integer.valueOf(hours.n())).at(Instant.parse(m.get("at").s()))
                .errorCode(text(m, "errorCode")).build();
    }
}
