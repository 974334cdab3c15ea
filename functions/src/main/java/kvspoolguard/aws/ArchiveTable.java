package kvspoolguard.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the pools' past is kept: the state table ({@code name}), whose history and calls items each
 * expire through the table's TTL attribute {@code expiresAt}, {@code retention} after their time.
 */
record ArchiveTable(DynamoDbClient dynamoDb, String name, Duration retention) {

    ArchiveTable {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
    }

    /** The TTL of an item whose newest content is of {@code time}. */
    AttributeValue expiresAt(Instant time) {
        return AttributeValue.fromN(Long.toString(time.plus(retention).getEpochSecond()));
    }
}
