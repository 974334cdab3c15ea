package kvspoolguard.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The local DynamoDB makes a conditional write atomic, as DynamoDB does: of many writers racing
 * on one item with the same condition, exactly one wins. moto alone (threaded, no lock in its
 * DynamoDB backend) lets several through; the launcher serialises DynamoDB requests. A transaction
 * is all or nothing, with the launcher's cheaper backup of the items it writes.
 */
class SerialisedDynamoDbIT {

    private static final int WRITERS = 32;
    private static LocalAwsServices services;
    private static String table;

    @BeforeAll
    static void start() {
        services = LocalAwsServices.start();
        table = services.newStateTable("race");
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @RepeatedTest(10)
    void putIfAbsent_manyConcurrentWriters_exactlyOneWins() throws Exception {
        String pk = "pool-" + System.nanoTime();
        List<Boolean> outcomes = race(writer -> () -> conditional(() -> services.dynamoDbClient.putItem(r -> r
                .tableName(table)
                .item(Map.of("pk", s(pk), "writer", n(writer)))
                .conditionExpression("attribute_not_exists(pk)"))));

        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        assertThat(outcomes).filteredOn(won -> !won).hasSize(WRITERS - 1);
    }

    @RepeatedTest(10)
    void updateIfVersion_manyConcurrentWriters_exactlyOneMovesTheVersionOn() throws Exception {
        String pk = "pool-" + System.nanoTime();
        DynamoDbClient db = services.dynamoDbClient;
        db.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "version", n(1))));

        List<Boolean> outcomes = race(writer -> () -> conditional(() -> db.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", s(pk)))
                .updateExpression("SET version = :next, writer = :writer")
                .conditionExpression("version = :read")
                .expressionAttributeValues(Map.of(":read", n(1), ":next", n(2), ":writer", n(writer))))));

        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).item())
                .containsEntry("version", n(2));
    }

    @RepeatedTest(2)
    void transaction_oneConditionFails_changesNothing_andOneThatHolds_changesAll() {
        String stamp = Long.toString(System.nanoTime());
        String existing = "run-" + stamp;
        String created = "shard-" + stamp;
        DynamoDbClient db = services.dynamoDbClient;
        String gate = "gate-" + stamp;
        db.putItem(r -> r.tableName(table).item(Map.of("pk", s(existing), "steps", n(1))));
        db.putItem(r -> r.tableName(table).item(Map.of("pk", s(gate), "open", n(0))));

        List<TransactWriteItem> refused = new ArrayList<>(step(created, existing, 1));
        refused.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Map.of("pk", s(gate)))
                .conditionExpression("#o = :yes").expressionAttributeNames(Map.of("#o", "open"))
                .expressionAttributeValues(Map.of(":yes", n(1)))).build());
        assertThatThrownBy(() -> db.transactWriteItems(r -> r.transactItems(refused)))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(item(existing)).containsEntry("steps", n(1));
        assertThat(item(created)).isEmpty();

        db.transactWriteItems(r -> r.transactItems(step(created, existing, 1)));
        assertThat(item(existing)).containsEntry("steps", n(2));
        assertThat(item(created)).containsEntry("step", n(1));
    }

    /** A shard's item created and the run's count moved on, as one transaction, if the count is {@code read}. */
    private static List<TransactWriteItem> step(String shard, String run, int read) {
        return List.of(
            TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s(shard), "step", n(1)))
                    .conditionExpression("attribute_not_exists(pk)")).build(),
            TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s(run)))
                    .updateExpression("SET steps = steps + :one").conditionExpression("steps = :read")
                    .expressionAttributeValues(Map.of(":one", n(1), ":read", n(read)))).build());
    }

    private static Map<String, AttributeValue> item(String pk) {
        return services.dynamoDbClient.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true))
                .item();
    }

    /** Starts every writer at once and collects whether each one's write went through. */
    private static List<Boolean> race(java.util.function.IntFunction<Callable<Boolean>> writers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int i = 0; i < WRITERS; i++) {
                Callable<Boolean> write = writers.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return write.call();
                }));
            }
            start.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        }
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
