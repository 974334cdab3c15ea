package kvspoolguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostTest {

    /**
     * 1,000 pools, 100 updates, one step, a 3 s sweep and 0.1 s events at 1 GB, 201 events; 201
     * stream calls, 100 of them decreases.
     */
    private static final Cost.SteadyHour HOUR = new Cost.SteadyHour(1000, 100, 1, 3.0, 201, 0.1, 1024,
            new Cost.StreamWork(201, 100));

    @Test
    void aMonth_isSevenHundredThirtyHoursOfTheMeasuredHour() {
        Map<String, Double> bill = Cost.perThousandPoolsMonth(HOUR);

        assertThat(bill.get("lambda_gb_seconds")).isCloseTo(13.0 * 0.0000133334 * 730, within(0.0001));
        // the planner, one step, 100 events
        assertThat(bill.get("lambda_requests")).isCloseTo(102 * 0.2e-6 * 730, within(0.0001));
        // 1,000 records, 100 events' reads, the run's 3 reads
        assertThat(bill.get("dynamodb_reads")).isCloseTo(1103 * 0.125e-6 * 730, within(0.0001));
        // 100 updated pools at 7 units, the run's 5 writes, its step's transaction of 4 units, 201 history
        // items, 100 stream decreases' budget slots
        assertThat(bill.get("dynamodb_writes")).isCloseTo(1010 * 0.625e-6 * 730, within(0.0001));
        assertThat(bill.get("eventbridge_events")).isCloseTo(201 * 1e-6 * 730, within(0.0001));
        assertThat(bill.get("sqs_requests")).isCloseTo(3 * 0.5e-6 * 730, within(0.00001));
        assertThat(bill.get("kinesis_video_calls")).as("no per-request price").isZero();
    }

    @Test
    void aSmallerFleet_isScaledToAThousandPools() {
        Cost.SteadyHour half = new Cost.SteadyHour(500, 50, 1, 1.5, 100, 0.1, 1024, new Cost.StreamWork(100, 50));

        // half the pools, half the time: the same bill per 1,000
        assertThat(Cost.perThousandPoolsMonth(half).get("lambda_gb_seconds"))
                .isEqualTo(Cost.perThousandPoolsMonth(HOUR).get("lambda_gb_seconds"));
    }

    @Test
    void awsConfig_chargesItsTiersForTheSameEvaluations() {
        Map<String, Double> config = Cost.awsConfigPerThousandPoolsMonth(HOUR);

        // 730,000 evaluations: 100,000 at 0.001, 400,000 at 0.0008, 230,000 at 0.0005
        assertThat(config.get("rule_evaluations")).isCloseTo(100 + 320 + 115, within(0.001));
        assertThat(config.get("configuration_items")).isCloseTo(100 * 730 * 0.003, within(0.001));
    }

    @Test
    void theCapacity_isTheTimeoutOverTheTimeOfOnePool() throws Exception {
        var results = new ObjectMapper().readTree("""
                {"sweep_limit": {"pools": 1000, "minimum_calls": 2100}, "sweep_limit_ratio": 1.0}""");

        // 2.1 calls per pool at 25 requests per second: 0.084 s per pool
        assertThat(CapacityPicture.sweepSeconds(results, 1000)).isCloseTo(84.0, within(1e-9));
        assertThat(CapacityPicture.poolsWithin(results, 300)).isEqualTo(3571);
        assertThat(CapacityPicture.svg(results)).startsWith("<svg").contains("3,571 pools").endsWith("</svg>\n");
    }
}
