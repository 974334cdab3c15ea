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
        Map<String, AttributeValue> original = Map.of(
                "pk", AttributeValue.fromS("pool#" + ARN),
                "arn", AttributeValue.fromS(ARN),
                "name", AttributeValue.fromS("pool-00000"),
                "region", AttributeValue.fromS("us-east-1"),
                "retentionHours", AttributeValue.fromN("168"),
                "version", AttributeValue.fromN("2"),
                "status", AttributeValue.fromS("ACTIVE"),
                "outbox", AttributeValue.fromM(Map.of()));
        String arn = "arn:aws:chime:eu-west-1:200000000001:media-pipeline-kinesis-video-stream-pool/pool-00019";
        StateSeed.Recorded pool = new StateSeed.Recorded(arn, "pool-00019", "eu-west-1", 720);

        Map<String, AttributeValue> copy = StateSeed.copy(original, AS, pool);

        assertThat(copy).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pk", AttributeValue.fromS("pool#" + arn),
                "arn", AttributeValue.fromS(arn),
                "name", AttributeValue.fromS("pool-00019"),
                "region", AttributeValue.fromS("eu-west-1"),
                "retentionHours", AttributeValue.fromN("720"),
                "version", AttributeValue.fromN("2"),
                "status", AttributeValue.fromS("ACTIVE"),
                "outbox", AttributeValue.fromM(Map.of())));
        assertThat(original.get("arn").s()).as("the original is left alone").isEqualTo(ARN);
    }
}
