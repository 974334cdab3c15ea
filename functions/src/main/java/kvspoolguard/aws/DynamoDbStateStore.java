package kvspoolguard.aws;

import static kvspoolguard.aws.Items.n;
import static kvspoolguard.aws.Items.put;
import static kvspoolguard.aws.Items.s;
import static kvspoolguard.aws.Items.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import kvspoolguard.core.events.EventDetail;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.OutboxEvent;
import kvspoolguard.core.state.RecordPage;
import kvspoolguard.core.state.StateStore;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.UnreadableRecordException;
import kvspoolguard.json.EventJson;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The state store over one DynamoDB table (partition key {@code pk}, a string): one item per pool,
 * {@code pool#<arn>}, carrying a version number. Reads are strongly consistent; writes are
 * conditional on the version read, so two writers cannot both record the same transition. The
 * pool's outbox is a map attribute {@code outbox}, event id to the event (its detail as JSON text).
 */
public final class DynamoDbStateStore implements StateStore {

    private static final String KEY_PREFIX = "pool#";
    /**
     * The index of every pool's record and nothing else (only they have an {@code arn}), with what
     * a summary needs: no outbox, no history, no calls (template.yaml's StateTable).
     */
    static final String POOLS_INDEX = "pools";
    /** BatchGetItem's limit of keys per request. */
    static final int MAX_BATCH = 100;
    private static final int BATCH_ATTEMPTS = 4;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbStateStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("the state store needs a table name");
        }
        this.table = table;
    }

    @Override
    public Optional<Versioned> read(String arn) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("pk", s(KEY_PREFIX + arn)))).item();
            return item == null || item.isEmpty() ? Optional.empty()
                    : Optional.of(decoded(item, arn));
        } catch (SdkException e) {
            throw new StateStoreException("could not read the state of " + arn + " from " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One strongly consistent BatchGetItem; keys DynamoDB leaves unprocessed (throttling, the 16 MB
     * answer limit) are asked again, a few times, with backoff.
     */
    @Override
    public Map<String, Versioned> readAll(List<String> arns) {
        if (arns.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " records per read, got " + arns.size());
        }
        Map<String, Versioned> records = new HashMap<>();
        Map<String, UnreadableRecordException> unreadable = new HashMap<>();
        List<Map<String, AttributeValue>> keys = arns.stream().distinct()
                .map(arn -> Map.of("pk", s(KEY_PREFIX + arn))).toList();
        try {
            for (int attempt = 0; !keys.isEmpty(); attempt++) {
                if (attempt == BATCH_ATTEMPTS) {
                    throw new StateStoreException(keys.size() + " records of " + table
                            + " were still unprocessed after " + BATCH_ATTEMPTS + " attempts", null);
                }
                pause(attempt);
                List<Map<String, AttributeValue>> asked = keys;
                BatchGetItemResponse answer = dynamoDb.batchGetItem(r -> r.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
                for (Map<String, AttributeValue> item : answer.responses().getOrDefault(table, List.of())) {
                    String arn = arnOf(item);
                    try {
                        records.put(arn, decoded(item, arn));
                    } catch (UnreadableRecordException e) {
                        unreadable.put(arn, e);
                    }
                }
                KeysAndAttributes left = answer.unprocessedKeys().get(table);
                keys = left == null ? List.of() : left.keys();
            }
            if (!unreadable.isEmpty()) {
                throw UnreadableRecordException.ofPage(unreadable, records, arns.size());
            }
            return records;
        } catch (SdkException e) {
            throw new StateStoreException("could not read " + arns.size() + " states from " + table + ": "
                    + e.getMessage(), e);
        }
    }

    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("interrupted while reading states", e);
        }
    }

    @Override
    public boolean writeIf(Observation observation, List<OutboxEvent> outbox, long expectedVersion) {
        Map<String, AttributeValue> item = toItem(observation, expectedVersion + 1);
        if (!outbox.isEmpty()) {
            Map<String, AttributeValue> entries = new LinkedHashMap<>();
            outbox.forEach(e -> entries.put(e.eventId(), AttributeValue.fromM(toEntry(e))));
            item.put("outbox", AttributeValue.fromM(entries));
        }
        try {
            dynamoDb.putItem(r -> {
                r.tableName(table).item(item);
                if (expectedVersion == 0) {
                    r.conditionExpression("attribute_not_exists(pk)");
                } else {
                    r.conditionExpression("#v = :expected")
                            .expressionAttributeNames(Map.of("#v", "version"))
                            .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // another writer recorded first
        } catch (SdkException e) {
            throw new StateStoreException("could not record the state of " + observation.arn() + " in " + table
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A Scan of the sparse {@code pools} index (the pools' records, without their outboxes): at most
     * {@code limit} records after {@code after}; eventually consistent, as a summary may be.
     */
    @Override
    public RecordPage records(String after, int limit) {
        List<Observation> records = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("pk", s(KEY_PREFIX + after), "arn", s(after));
        try {
            do {
                Map<String, AttributeValue> from = start;
                int left = limit - records.size() - unreadable.size();
                ScanResponse page = dynamoDb.scan(r -> r.tableName(table).indexName(POOLS_INDEX)
                        .limit(left).exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    try {
                        records.add(fromItem(item));
                    } catch (RuntimeException e) {
                        unreadable.add(arnOf(item)); // one record that does not decode spoils no page
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && records.size() + unreadable.size() < limit);
        } catch (SdkException e) {
            throw new StateStoreException("could not read the pools' states from " + table + ": " + e.getMessage(), e);
        }
        return new RecordPage(records, unreadable, start == null ? null : start.get("arn").s());
    }

    /**
     * Removes the entries in one UpdateItem, and moves the version on: a writer that read the record
     * before would otherwise write those entries back. A record without an outbox fails the
     * condition, harmlessly.
     */
    @Override
    public void clearOutbox(String arn, Set<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        List<String> paths = new ArrayList<>();
        names.put("#o", "outbox");
        names.put("#v", "version");
        for (String id : eventIds) {
            String name = "#e" + names.size();
            names.put(name, id);
            paths.add("#o." + name);
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(Map.of("pk", s(KEY_PREFIX + arn)))
                    .updateExpression("SET #v = #v + :one REMOVE " + String.join(", ", paths))
                    .conditionExpression("attribute_exists(#o)").expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":one", n(1))));
        } catch (ConditionalCheckFailedException e) {
            // no outbox (any more): nothing to drop
        } catch (SdkException e) {
            throw new StateStoreException("could not clear the outbox of " + arn + " in " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** The pool's ARN of a record, from its key when its own attribute is unusable. */
    private static String arnOf(Map<String, AttributeValue> item) {
        AttributeValue arn = item.get("arn");
        return arn != null && arn.s() != null ? arn.s() : item.get("pk").s().substring(KEY_PREFIX.length());
    }

    /** A record as the core reads it; one that does not decode is that pool's failure alone. */
    private Versioned decoded(Map<String, AttributeValue> item, String arn) {
        try {
            return versioned(item);
        } catch (RuntimeException e) {
            throw UnreadableRecordException.of(arn, "the state record of " + arn
                    + " in " + table + " does not decode (" + e + "); it is set aside until it is mended or deleted",
                    e);
        }
    }

    private static Versioned versioned(Map<String, AttributeValue> item) {
        AttributeValue outbox = item.get("outbox");
        List<OutboxEvent> entries = outbox == null ? List.of()
                : outbox.m().values().stream().map(v -> fromEntry(v.m())).toList();
        return new Versioned(fromItem(item), Long.parseLong(item.get("version").n()), entries);
    }

    /**
     * An outbox entry as stored. The attribute names predate the core's words and stay, so that
     * tables written by earlier versions read the same: {@code publishBy} holds the lease's end,
     * {@code ifRetention} the intended retention (as {@code pendingHours} does in the record).
     */
    static Map<String, AttributeValue> toEntry(OutboxEvent entry) {
        GuardEvent event = entry.event();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("type", s(event.type().name()));
        m.put("id", s(event.eventId()));
        m.put("time", s(event.time().toString()));
        m.put("resources", AttributeValue.fromL(event.resources().stream().map(Items::s).toList()));
        m.put("detail", s(EventJson.text(event.detail())));
        m.put("publishBy", s(entry.leaseEnd().toString()));
        if (entry.intendedHours() != null) {
            m.put("ifRetention", n(entry.intendedHours()));
        }
        return m;
    }

    static OutboxEvent fromEntry(Map<String, AttributeValue> m) {
        EventDetail detail;
        try {
            detail = EventJson.read(EventType.valueOf(m.get("type").s()), m.get("detail").s());
        } catch (IllegalArgumentException e) {
            throw new StateStoreException("an outbox entry does not read: " + e.getMessage(), e);
        }
        GuardEvent event = new GuardEvent(Instant.parse(m.get("time").s()), detail);
        AttributeValue intendedHours = m.get("ifRetention");
        return new OutboxEvent(event, Instant.parse(m.get("publishBy").s()),
                intendedHours == null ? null : Integer.valueOf(intendedHours.n()));
    }

    static Map<String, AttributeValue> toItem(Observation o, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(KEY_PREFIX + o.arn()));
        item.put("version", n(version));
        item.put("arn", s(o.arn()));
        put(item, "name", o.name());
        put(item, "region", o.region());
        put(item, "status", o.status() == null ? null : o.status().name());
        if (o.retentionHours() != null) {
            item.put("retentionHours", n(o.retentionHours()));
        }
        item.put("deleted", AttributeValue.fromBool(o.deleted()));
        put(item, "violation", o.violation());
        if (o.intendedHours() != null) {
            item.put("pendingHours", n(o.intendedHours()));
        }
        item.put("observedAt", s(o.observedAt().toString()));
        if (o.standing() != null) {
            item.put("standing", s(o.standing().kind().name()));
            put(item, "rule", o.standing().rule());
        }
        return item;
    }

    static Observation fromItem(Map<String, AttributeValue> item) {
        AttributeValue retention = item.get("retentionHours");
        AttributeValue pending = item.get("pendingHours"); // the intended retention (see toEntry)
        AttributeValue status = item.get("status");
        String standing = text(item, "standing"); // absent: written before standings were kept, or never judged
        return Observation.builder(item.get("arn").s(), Instant.parse(item.get("observedAt").s()))
                .name(text(item, "name")).region(text(item, "region"))
                .status(status == null ? null : PoolStatus.fromValue(status.s()))
                .retentionHours(retention == null ? null : Integer.valueOf(retention.n()))
                .deleted(Boolean.TRUE.equals(item.get("deleted").bool())).violation(text(item, "violation"))
                .intendedHours(pending == null ? null : Integer.valueOf(pending.n()))
                .standing(standing == null ? null : new Standing(Standing.Kind.valueOf(standing), text(item, "rule")))
                .build();
    }
}
