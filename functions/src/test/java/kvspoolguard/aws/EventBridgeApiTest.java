package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * PutEvents as EventBridgeApi writes it and reads the answer, over HTTP: what moto cannot show
 * (it accepts every entry) is scripted here, an answer with one entry refused and an error.
 */
class EventBridgeApiTest {

    private final AtomicReference<String> target = new AtomicReference<>();
    private final AtomicReference<JsonNode> sent = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private HttpServer server;
    private EventBridgeApi api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            sent.set(JsonMapper.builder().build().readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        api = new EventBridgeApi(new AwsJsonService.Transport(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIALOCAL", "local")),
                AwsRetryStrategy.doNotRetry()), new AwsJsonService.Target("us-east-1",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void putEvents_writesEachEntry_andReadsWhichWereRefused() {
        answer = """
                {"FailedEntryCount": 1, "Entries": [{"EventId": "e-1"},
                 {"ErrorCode": "InternalFailure", "ErrorMessage": "try again"}]}""";

        List<EventBusApi.Result> results = api.putEvents(List.of(
                entry().time(Instant.parse("2026-01-01T00:00:00.250Z")).resources(List.of("arn:p"))
                        .detail("{\"eventId\":\"1\"}").build(),
                entry().build()));

        assertThat(target.get()).isEqualTo("AWSEvents.PutEvents");
        JsonNode first = sent.get().path("Entries").get(0);
        assertThat(first.path("EventBusName").asText()).isEqualTo("bus");
        assertThat(first.path("Source").asText()).isEqualTo("kvs-pool-guard");
        assertThat(first.path("DetailType").asText()).isEqualTo("Pool Status Changed");
        assertThat(first.path("Detail").asText()).isEqualTo("{\"eventId\":\"1\"}");
        assertThat(first.path("Time").decimalValue()).as("seconds since the epoch")
                .isEqualByComparingTo("1767225600.25");
        assertThat(first.path("Resources").get(0).asText()).isEqualTo("arn:p");
        assertThat(sent.get().path("Entries").get(1).has("Time")).isFalse();
        assertThat(results).containsExactly(new EventBusApi.Result("e-1", null, null),
                new EventBusApi.Result(null, "InternalFailure", "try again"));
        assertThat(results.get(1).refused()).isTrue();
    }

    @Test
    void aRefusedCall_isTheServicesErrorCode() {
        status = 400;
        answer = "{\"__type\": \"ResourceNotFoundException\", \"message\": \"Event bus bus does not exist.\"}";

        assertThatThrownBy(() -> api.putEvents(List.of(entry().build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    /** A Pool Status Changed entry for the bus {@code bus}, of no time, no resource and an empty detail. */
    private static EventBusApiEntryBuilder entry() {
        return EventBusApi.Entry.builder().bus("bus").source("kvs-pool-guard").detailType("Pool Status Changed")
                .resources(List.of()).detail("{}");
    }
}
