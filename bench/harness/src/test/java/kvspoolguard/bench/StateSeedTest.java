package kvspoolguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StateSeedTest {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/pool-00000";
    private static final StateSeed.Recorded AS = new StateSeed.Recorded(ARN, "pool-00000", "us-east-1", 168);

    @Test
    void copy_putsThePoolsOwnArnNameRegionAndRetentionWhereTheOriginalsWere_andKeepsTheRest() {
        Map<String, AttributeValue> original = item(AS);
        String arn = "arn:aws:chime:eu-west-1:200000000001:media-pipeline-kinesis-video-stream-pool/pool-00019";
        StateSeed.Recorded pool = new StateSeed.Recorded(arn, "pool-00019", "eu-west-1", 720);

        Map<String, AttributeValue> copy = StateSeed.copy(original, AS, pool);

        assertThat(copy).containsExactlyInAnyOrderEntriesOf(item(pool));
        assertThat(original.get("arn").s()).as("the original is left alone").isEqualTo(ARN);
    }

    /** A pool's state record as the table holds it: what a copy changes, and what it keeps. */
    private static Map<String, AttributeValue> item(StateSeed.Recorded pool) {
        return Map.of(
                "pk", AttributeValue.fromS("pool#" + pool.arn()),
                "arn", AttributeValue.fromS(pool.arn()),
                "name", AttributeValue.fromS(pool.name()),
                "region", AttributeValue.fromS(pool.region()),
                "retentionHours", AttributeValue.fromN(Integer.toString(pool.hours())),
                "version", AttributeValue.fromN("2"),
                "status", AttributeValue.fromS("ACTIVE"),
                "outbox", AttributeValue.fromM(Map.of()));
    }
}
