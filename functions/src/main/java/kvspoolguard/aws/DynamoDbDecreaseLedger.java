package kvspoolguard.aws;

import static kvspoolguard.aws.Items.n;
import static kvspoolguard.aws.Items.s;
import static kvspoolguard.aws.Items.stored;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import kvspoolguard.core.run.DecreaseLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The decrease budget in the state table beside the pools: one item per UTC day,
 * {@code decreases#<day>}, whose number {@code taken} each decrease adds to on the condition that it
 * is below the day's limit (expiring through the table's TTL a day after the day ends), and one item,
 * {@code fleet#measured}, with the governed fleet's size as the last sweep measured it. Neither has
 * an {@code arn}, so the pools' index never holds them.
 */
public final class DynamoDbDecreaseLedger implements DecreaseLedger {

    private static final Map<String, AttributeValue> FLEET = Map.of("pk", s("fleet#measured"));
    /** A day's item expires at the start of this many days after it: a day after it ends, for whoever reads it then. */
    private static final int KEPT_DAYS = 2;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDecreaseLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean take(LocalDate day, int limit) {
        if (limit <= 0) {
            return false; // the condition below would let a day's first take through
        }
        return stored("take a decrease of " + day, () -> {
            try {
                dynamoDb.updateItem(r -> r.tableName(table).key(key(day))
                        .updateExpression("ADD taken :one SET expiresAt = :expires")
                        .conditionExpression("attribute_not_exists(taken) OR taken < :limit")
                        .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":expires",
                                n(day.plusDays(KEPT_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond()))));
                return true;
            } catch (ConditionalCheckFailedException spent) {
                return false;
            }
        });
    }

    @Override
    public void giveBack(LocalDate day) {
        stored("give back a decrease of " + day, () -> dynamoDb.updateItem(r -> r.tableName(table).key(key(day))
                .updateExpression("ADD taken :less").expressionAttributeValues(Map.of(":less", n(-1)))));
    }

    @Override
    public int taken(LocalDate day) {
        return stored("read the decreases of " + day, () -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(day))
                    .consistentRead(true)).item();
            return item == null || !item.containsKey("taken") ? 0 : Integer.parseInt(item.get("taken").n());
        });
    }

    @Override
    public OptionalInt fleet() {
        return stored("read the fleet's size", () -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(FLEET)
                    .consistentRead(true)).item();
            return item == null || !item.containsKey("pools") ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(item.get("pools").n()));
        });
    }

    @Override
    public void measured(int pools) {
        stored("keep the fleet's size", () -> dynamoDb.updateItem(r -> r.tableName(table).key(FLEET)
                .updateExpression("SET pools = :pools").expressionAttributeValues(Map.of(":pools", n(pools)))));
    }

    private static Map<String, AttributeValue> key(LocalDate day) {
        return Map.of("pk", s("decreases#" + day));
    }
}
