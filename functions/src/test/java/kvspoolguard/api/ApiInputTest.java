package kvspoolguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.pool.ShardFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiInputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "none | false",
        "application/json | false",
        "*/* | false",
        "text/csv | true",
        "TEXT/CSV; charset=utf-8 | true",
        "text/csv, application/json;q=0.5 | true",
        "application/json, text/csv;q=0.5 | false",
        "text/csv;q=0.5, application/json;q=0.5 | true",
        "text/csv;q=0 | false",
        "text/csv;q=lots | false"
    })
    void csv_isGivenWhenAskedFor_andNotLessWantedThanJson(String accept, boolean csv) {
        Map<String, String> headers = new HashMap<>();
        if (accept != null) {
            headers.put("Accept", accept); // any case: API Gateway passes HTTP/2's lower-case names too
        }

        assertThat(ApiInput.acceptsCsv(headers)).isEqualTo(csv);
        assertThat(ApiInput.acceptsCsv(null)).isFalse();
    }

    @Test
    void complianceToken_continuesAfterItsPool_andOnlyAPoolsArnIsAccepted() {
        ShardFilter all = new ShardFilter(null, null);
        String arn = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/sales";
        assertThat(ApiInput.complianceAfter(ApiInput.complianceToken(arn, all), all)).isEqualTo(arn);

        for (String after : List.of("arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/"
                + "x".repeat(129), "arn:aws:s3:::bucket", "arn:" + "x".repeat(2100))) {
            assertThatThrownBy(() -> ApiInput.complianceAfter(ApiInput.complianceToken(after, all), all))
                    .as(after).isInstanceOf(ApiException.class)
                    .hasMessageContaining("nextToken was not issued by GET /compliance");
        }
    }
}
