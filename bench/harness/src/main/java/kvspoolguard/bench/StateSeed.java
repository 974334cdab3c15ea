package kvspoolguard.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The state table of a fleet the guard has swept before, written directly: one pool's record, as
 * the functions wrote it, copied for every other pool with that pool's ARN, name, region and last
 * seen retention put in place of the original's. A steady sweep is what the organisation
 * benchmarks measure, and moto's DynamoDB takes minutes to record 10,000 first-seen pools one
 * conditional write at a time; a copy of the guard's own record keeps the harness free of the
 * record's layout.
 */
final class StateSeed {

    /** A pool to record: where it is, and the retention its record says was last seen. */
    record Recorded(String arn, String name, String region, int hours) {
    }

    private static final int BATCH = 25; // BatchWriteItem's most

    private StateSeed() {
    }

    /**
     * Writes a record for each of {@code pools} into {@code table}, each a copy of {@code original}
     * (the record of {@code as}) with the pool's own values.
     */
    static void write(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> original, Recorded as,
                      List<Recorded> pools) {
        writeItems(dynamoDb, table, pools.stream().map(pool -> copy(original, as, pool)).toList());
    }

    /** Writes {@code items} into {@code table} as they are, a batch at a time. */
    static void writeItems(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> batch = new ArrayList<>(BATCH);
        for (Map<String, AttributeValue> item : items) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == BATCH) {
                flush(dynamoDb, table, batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            flush(dynamoDb, table, batch);
        }
    }

    static Map<String, AttributeValue> copy(Map<String, AttributeValue> original, Recorded as, Recorded pool) {
        Map<String, AttributeValue> item = new HashMap<>();
        original.forEach((name, value) -> item.put(name, replaced(value, as, pool)));
        return item;
    }

    private static AttributeValue replaced(AttributeValue value, Recorded as, Recorded pool) {
        if (value.s() != null) {
            String s = value.s();
            if (s.contains(as.arn())) {
                return AttributeValue.fromS(s.replace(as.arn(), pool.arn()));
            }
            return s.equals(as.name()) ? AttributeValue.fromS(pool.name())
                    : s.equals(as.region()) ? AttributeValue.fromS(pool.region()) : value;
        }
        if (value.n() != null && value.n().equals(Integer.toString(as.hours()))) {
            return AttributeValue.fromN(Integer.toString(pool.hours()));
        }
        return value;
    }

    private static void flush(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 5) {
                throw new IllegalStateException("moto left " + pending.get(table).size() + " writes unprocessed 5 times");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse answer = dynamoDb.batchWriteItem(r -> r.requestItems(request));
            pending = answer.hasUnprocessedItems() ? answer.unprocessedItems() : Map.of();
        }
    }
}
