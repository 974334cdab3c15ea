package kvspoolguard.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The local DynamoDB makes a conditional write atomic, as DynamoDB does: of many writers racing
 * on one item with the same condition, exactly one wins. moto alone (threaded, no lock in its
 * DynamoDB backend) lets several through; the launcher serialises DynamoDB requests.
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
