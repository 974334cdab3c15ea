package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as a runtime client sees it, over HTTP on loopback. */
class RuntimeApiTest {

    private final RuntimeApi api = RuntimeApi.start("arn:aws:lambda:us-east-1:123456789012:function:F");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void next_deliversTheEventWithLambdasHeaders_andTheResponseCompletesIt() throws Exception {
        RuntimeApi.Pending pending = api.submit("req-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        long before = System.currentTimeMillis();

        HttpResponse<String> next = get("/2018-06-01/runtime/invocation/next");
        assertThat(next.body()).isEqualTo("{\"a\":1}");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains("req-1");
        // the deadline runs from delivery, not from submission
        assertThat(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
        assertThat(pending.delivered).isDone();
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .contains("arn:aws:lambda:us-east-1:123456789012:function:F");
        assertThat(api.firstPoll()).isDone();

        assertThat(post("/2018-06-01/runtime/invocation/req-1/response", "\"done\"", null).statusCode()).isEqualTo(202);
        RuntimeApi.Outcome outcome = pending.result.get(5, TimeUnit.SECONDS);
        assertThat(new String(outcome.payload(), StandardCharsets.UTF_8)).isEqualTo("\"done\"");
        assertThat(outcome.errorType()).isNull();
    }

    @Test
    void anErrorCarriesTheFunctionsErrorType_andAnUnknownRequestIdIsRefused() throws Exception {
        RuntimeApi.Pending pending = api.submit("req-2", new byte[0], Duration.ofSeconds(3));
        get("/2018-06-01/runtime/invocation/next");

        assertThat(post("/2018-06-01/runtime/invocation/other/response", "{}", null).statusCode()).isEqualTo(400);
        assertThat(post("/2018-06-01/runtime/invocation/req-2/error", "{\"errorMessage\":\"x\"}", "Runtime.UserException")
                .statusCode()).isEqualTo(202);
        assertThat(pending.result.get(5, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.UserException");
    }

    @Test
    void aResponseAbove6MB_failsTheInvocation_as413() throws Exception {
        RuntimeApi.Pending pending = api.submit("req-3", new byte[0], Duration.ofSeconds(3));
        get("/2018-06-01/runtime/invocation/next");

        String big = "x".repeat(RuntimeApi.MAX_RESPONSE_BYTES + 1);
        assertThat(post("/2018-06-01/runtime/invocation/req-3/response", big, null).statusCode()).isEqualTo(413);
        assertThat(pending.result.get(5, TimeUnit.SECONDS).errorType()).isEqualTo("Function.ResponseSizeTooLarge");
    }

    @Test
    void anInitError_failsWhatIsQueued_andUnknownPathsAre404() throws Exception {
        RuntimeApi.Pending pending = api.submit("req-4", new byte[0], Duration.ofSeconds(3));

        assertThat(post("/2018-06-01/runtime/init/error", "{}", "Runtime.ClassNotFound").statusCode()).isEqualTo(202);
        assertThat(pending.result.get(5, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.ClassNotFound");
        assertThat(get("/2018-06-01/runtime/nope").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + api.address() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + api.address() + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
