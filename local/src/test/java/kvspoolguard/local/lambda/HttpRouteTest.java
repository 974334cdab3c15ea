package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRouteTest {

    private final HttpRoute pool = new HttpRoute("GET /pools/{identifier}", "F", "AWS_IAM", "2.0");
    private final HttpRoute retention = new HttpRoute("PUT /pools/{identifier}/retention", "F", "AWS_IAM", "2.0");

    @Test
    void aParameterIsOneSegment_keptEncoded() {
        assertThat(pool.match("GET", "/pools/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Ax%2Fy"))
                .contains(Map.of("identifier", "arn%3Aaws%3Achime%3Aus-east-1%3A1%3Ax%2Fy"));
        assertThat(pool.match("GET", "/pools/a/b")).isEmpty();
        assertThat(pool.match("GET", "/pools/")).isEmpty();
    }

    @Test
    void methodAndLiteralPartsMustMatch() {
        assertThat(pool.match("PUT", "/pools/x")).isEmpty();
        assertThat(retention.match("PUT", "/pools/x/retention")).contains(Map.of("identifier", "x"));
        assertThat(retention.match("PUT", "/pools/x/retentionX")).isEmpty();
        assertThat(new HttpRoute("GET /a.b", "F", "NONE", "2.0").match("GET", "/aXb")).isEmpty();
    }

    @Test
    void aGreedyParameterTakesTheRestOfThePath() {
        HttpRoute proxy = new HttpRoute("ANY /files/{proxy+}", "F", "NONE", "2.0");
        assertThat(proxy.match("DELETE", "/files/a/b/c")).contains(Map.of("proxy", "a/b/c"));
    }
}
