package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.lambda.HttpApiGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of the HTTP API over real HTTP, through the server `make api` runs, to the sam-built
 * PoolApiFunction under AWS's Runtime Interface Emulator. Every answer the function gives is checked against
 * docs/openapi.yaml.
 */
class PoolApiEndToEndTest {

    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(BuiltStack.ROOT.resolve("docs/openapi.yaml").toUri().toString()).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static BuiltStack stack;
    private static HttpApiGateway api;

    @BeforeAll
    static void serve() {
        stack = BuiltStack.get();
        api = HttpApiGateway.start(stack.spec.routes(), name -> stack.poolApi, 0, HttpApiGateway.Caller.DEFAULT);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void fleet() {
        stack.chime.reset();
        stack.tap.drain();
        stack.chime.seed(EmulatedPool.active("api-sales", 2400), EmulatedPool.active("api-standups", 48));
    }

    @Test
    void listPools_judgesEveryPool() throws Exception {
        JsonNode body = ok(call("GET", "/pools?limit=100", null));

        assertThat(body.path("pools").findValuesAsText("poolName")).containsExactlyInAnyOrder("api-sales", "api-standups");
        assertThat(body.path("pools").findValuesAsText("verdict")).containsExactlyInAnyOrder("CHANGE_DUE", "COMPLIANT");
    }

    @Test
    void history_afterASweepAndADrift_isThePoolsEvents_newestFirst_inPages() throws Exception {
        // a name no other test uses: the stack's state table, and so the history, lasts the whole run
        String pool = "api-history-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        stack.chime.seed(EmulatedPool.active(pool, 2400));
        assertThat(stack.sweep().failed()).isFalse();
        stack.chime.replace("us-east-1", pool, p -> p.withRetention(9000));
        assertThat(stack.enforcer.invoke(BuiltStack.sample("pool-updated.json", stack.arn(pool))).failed()).isFalse();

        JsonNode first = ok(call("GET", "/pools/" + pool + "/history?limit=2", null));
        JsonNode rest = ok(call("GET", "/pools/" + pool + "/history?limit=100&nextToken="
                + URLEncoder.encode(first.path("nextToken").asText(), StandardCharsets.UTF_8), null));

        List<String> types = new java.util.ArrayList<>(first.path("events").findValuesAsText("detailType"));
        types.addAll(rest.path("events").findValuesAsText("detailType"));
        // the drift and its correction, then the sweep's correction and its first sight of the pool
        assertThat(types.subList(0, 2)).containsExactlyInAnyOrder("Pool Retention Drifted", "Pool Retention Enforced");
        assertThat(types.subList(2, types.size())).containsExactlyInAnyOrder("Pool Status Changed",
                "Pool Retention Enforced");
        assertThat(rest.path("nextToken").isNull()).isTrue();
        assertThat(call("GET", "/pools/" + pool + "/history?since=last-week", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/pools/" + pool + "/history?limit=0", null).statusCode()).isEqualTo(400);
    }

    @Test
    void compliance_afterASweep_countsThePools_andAsCsvListsThemOneARow() throws Exception {
        assertThat(stack.sweep().failed()).isFalse();

        JsonNode summary = ok(call("GET", "/compliance", null));
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/compliance"))
                .header("Accept", "text/csv").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());

        // the stack's state outlives each test: other pools are counted too, these two among them
        assertThat(summary.at("/totals/changed").asInt()).isPositive();
        assertThat(summary.at("/totals/compliant").asInt()).isPositive();
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(violations("GET", "/compliance", csv)).isEmpty();
        List<String> rows = List.of(csv.body().split("\r\n"));
        assertThat(rows.getFirst()).startsWith("account,region,pool,standing,rule,");
        assertThat(rows).anyMatch(r -> r.contains(",api-sales,changed,default,")).anyMatch(r ->
                r.contains(",api-standups,compliant,default,"));
        assertThat(rows.size() - 1).isEqualTo(summary.path("pools").asInt());
    }

    @Test
    void getPool_byNameAndByArn_answersTheSamePool() throws Exception {
        JsonNode byName = ok(call("GET", "/pools/api-sales", null));
        JsonNode byArn = ok(call("GET", "/pools/" + URLEncoder.encode(stack.arn("api-sales"), StandardCharsets.UTF_8), null));

        assertThat(byName.at("/pool/poolArn").asText()).isEqualTo(stack.arn("api-sales"));
        assertThat(byArn.at("/pool")).isEqualTo(byName.at("/pool"));
        assertThat(byName.at("/compliance/enforcementWouldSet").asInt()).isEqualTo(720);
    }

    @Test
    void putRetention_withinPolicy_changesThePool_andNamesTheCaller() throws Exception {
        JsonNode body = ok(call("PUT", "/pools/api-standups/retention", "{\"dataRetentionInHours\": 168}"));

        assertThat(body.path("changed").asBoolean()).isTrue();
        assertThat(stack.pool("api-standups").dataRetentionInHours()).isEqualTo(168);
        assertThat(stack.tap.drain()).filteredOn(e -> e.path("detail-type").asText().equals("Pool Retention Changed"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.at("/detail/changedBy/principal").asText())
                            .isEqualTo(HttpApiGateway.Caller.DEFAULT.principalArn());
                    assertThat(e.at("/detail/actor/principal").asText())
                            .isEqualTo(HttpApiGateway.Caller.DEFAULT.principalArn());
                    assertThat(e.at("/detail/actor/via").asText()).isEqualTo("iam");
                });
    }

    @Test
    void putRetention_outsidePolicy_isRefused_andChangesNothing() throws Exception {
        HttpResponse<String> answer = call("PUT", "/pools/api-standups/retention", "{\"dataRetentionInHours\": 5000}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    @Test
    void putRetention_malformedBody_isA400() throws Exception {
        HttpResponse<String> answer = call("PUT", "/pools/api-standups/retention", "{\"dataRetentionInHours\": \"48\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(stack.chime.count(Operation.GET_POOL).calls()).isZero();
    }

    @Test
    void postEnforcement_dryRun_isAccepted_runByTheEnforcer_andFollowedToItsEnd() throws Exception {
        stack.tap.drain();
        HttpResponse<String> accepted = call("POST", "/enforcements", "{\"dryRun\": true}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String runId = BuiltStack.json(accepted.body().getBytes(StandardCharsets.UTF_8)).path("runId").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/enforcements/" + runId);

        // what the stack's rule does in AWS: the requested run, from the bus to the enforcer
        JsonNode requested = stack.tap.drain().stream()
                .filter(e -> e.path("detail-type").asText().equals("Enforcement Requested")).findFirst().orElseThrow();
        var run = stack.enforcer.invoke(BuiltStack.JSON.writeValueAsBytes(requested));
        // a sweep: the enforcer planned it, and the shard workers take its steps
        assertThat(stack.workers.awaitIdle(java.time.Duration.ofMinutes(1))).isTrue();
        JsonNode followed = ok(call("GET", "/enforcements/" + runId, null));

        assertThat(run.failed()).as(run.payloadText()).isFalse();
        assertThat(followed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(followed.path("dryRun").asBoolean()).isTrue();
        assertThat(followed.at("/counts/DRY_RUN").asInt()).isEqualTo(1);
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    @Test
    void getPolicy_answersTheDefaults() throws Exception {
        JsonNode body = ok(call("GET", "/policy", null));

        assertThat(body.path("source").asText()).isEqualTo("defaults");
        assertThat(body.at("/document/defaults/maxHours").asInt()).isEqualTo(720);
    }

    @Test
    void unknownRoute_isApiGatewaysOwn404_withoutInvokingTheFunction() throws Exception {
        HttpResponse<String> answer = call("DELETE", "/pools/api-sales", null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(stack.chime.requests()).isEmpty();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.endpoint() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 404 || !answer.body().equals("{\"message\":\"Not Found\"}")) {
            assertThat(violations(method, path, answer)).as("%s %s -> %s", method, path, answer.body()).isEmpty();
        }
        return answer;
    }

    private static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return BuiltStack.json(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> violations(String method, String path, HttpResponse<String> answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().map().forEach((name, values) -> response.withHeader(name, values));
        String rawPath = URI.create(path).getRawPath();
        ValidationReport report = CONTRACT.validateResponse(rawPath, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream().map(ValidationReport.Message::getMessage).toList();
    }
}
