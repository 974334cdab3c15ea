package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.core.run.Workers;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The decrease budget's ledger against moto's DynamoDB: racing takes never overshoot a day's limit. */
class DynamoDbDecreaseLedgerIT {

    private static final LocalDate DAY = LocalDate.parse("2026-12-07");

    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newStateTable();
    private final DynamoDbDecreaseLedger ledger = new DynamoDbDecreaseLedger(aws.dynamoDbClient, table);

    @Test
    void racingTakes_neverOvershootTheDaysLimit_andAGivenBackSlotServesAnother() {
        AtomicInteger won = new AtomicInteger();

        Workers.map(java.util.stream.IntStream.range(0, 12).boxed().toList(), 6,
                i -> ledger.take(DAY, 5) ? won.incrementAndGet() : 0);

        assertThat(won).hasValue(5);
        assertThat(ledger.taken(DAY)).isEqualTo(5);
        assertThat(ledger.taken(DAY.plusDays(1))).as("each day its own").isZero();
        ledger.giveBack(DAY);
        assertThat(ledger.take(DAY, 5)).isTrue();
        assertThat(ledger.take(DAY, 5)).isFalse();
        assertThat(ledger.take(DAY.plusDays(3), 0)).as("a limit of none: not even the day's first").isFalse();
        assertThat(ledger.taken(DAY.plusDays(3))).isZero();
    }

    @Test
    void theFleetMeasured_isKept_andTheBudgetsItemsAreNoPoolsRecords() {
        assertThat(ledger.fleet()).isEmpty();

        ledger.measured(1000);
        ledger.measured(990);
        ledger.take(DAY, 1);

        assertThat(ledger.fleet()).hasValue(990);
        assertThat(new DynamoDbStateStore(aws.dynamoDbClient, table).records(null, 100).records()).isEmpty();
        assertThat(aws.dynamoDbClient.scan(ScanRequest.builder().tableName(table).build()).items())
                .filteredOn(item -> item.get("pk").s().equals("decreases#2026-12-07")).singleElement()
                .satisfies(item -> assertThat(item.get("expiresAt").n()).isEqualTo(
                        String.valueOf(DAY.plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
    }

    @Test
    void aTableThatCannotBeReached_isAStateStoreException() {
        DynamoDbDecreaseLedger missing = new DynamoDbDecreaseLedger(aws.dynamoDbClient, "no-such-table");

        assertThatThrownBy(() -> missing.take(DAY, 5)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("could not take a decrease of 2026-12-07");
    }
}
