package kvspoolguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Ports;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.enforcer.EnforcerRuns;
import kvspoolguard.enforcer.RetentionEnforcerHandler;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.testing.ApiContract;
import kvspoolguard.testing.EventSchemas;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SdkOnEmulator;
import kvspoolguard.testing.TestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PoolApiFunction's handler, in process, fed API Gateway HTTP API (payload 2.0) events loaded from
 * events/ with the Lambda runtime's own serialisation, over the real wire to the Chime emulator,
 * moto (DynamoDB, EventBridge delivering to SQS). Every answer is checked against
 * docs/openapi.yaml; every error answer is checked for leaks.
 */
class PoolApiIT {

    @RegisterExtension
    static final SdkOnEmulator CHIME = new SdkOnEmulator(ChimePoolEmulator.builder().faultSeed(7));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "arn:aws:sts::123456789012:assumed-role/platform-operator/operator-session";

    private final LocalAws aws = LocalAws.get();
    private final ChimePoolEmulator emulator = CHIME.emulator();
    private final Map<String, String> env = new HashMap<>();
    private LocalAwsServices.EventTap tap;
    private TestContext context;

    @BeforeEach
    void freshStateAndBus() {
        tap = aws.newBusWithTap();
        context = new TestContext();
        env.putAll(aws.functionEnvironment(tap));
        env.put("REGIONS", "eu-central-1");
    }

    /** The answer as the caller gets it, after checking it against the contract and for leaks. */
    private record Answer(int status, Map<String, String> headers, JsonNode body) {
        String code() {
            return body.at("/error/code").asText();
        }

        String message() {
            return body.at("/error/message").asText();
        }
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        GuardConfig config = GuardConfig.fromEnvironment(env);
        ShardScope scope = AwsPorts.scope(config, Clock.systemUTC());
        Ports ports = AwsPorts.of(config, scope, Clock.systemUTC());
        var handler = new PoolApiHandler(config, scope, ports);
        return handler.handleRequest(event, context);
    }

    private Answer call(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = send(event);
        assertThat(ApiContract.responseViolations(event, response)).as("answer %s %s conforms to openapi.yaml",
                response.getStatusCode(), response.getBody()).isEmpty();
        JsonNode body = parse(response.getBody());
        if (response.getStatusCode() >= 400) {
            assertThat(body.at("/requestId").asText()).isEqualTo(event.getRequestContext().getRequestId());
            assertThat(response.getBody()).as("no internal detail in %s", response.getBody())
                    .doesNotContain("Exception", "\tat ", "kvspoolguard.", "Request ID", "amazonaws", "127.0.0.1");
        }
        return new Answer(response.getStatusCode(), response.getHeaders(), body);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A sample of events/, with a fresh request id. */
    private static APIGatewayV2HTTPEvent sample(String name) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("../events/" + name + ".json");
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        return event;
    }

    private static APIGatewayV2HTTPEvent getPool(String identifier) {
        APIGatewayV2HTTPEvent event = sample("api-get-pool");
        onPool(event, identifier, "");
        return event;
    }

    private static APIGatewayV2HTTPEvent history(String identifier, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = sample("api-get-pool");
        onPool(event, identifier, "/history");
        event.setRouteKey("GET /pools/{identifier}/history");
        event.setQueryStringParameters(query);
        event.setRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        return event;
    }

    private static APIGatewayV2HTTPEvent putRetention(String identifier, String body) {
        APIGatewayV2HTTPEvent event = sample("api-put-retention");
        onPool(event, identifier, "/retention");
        event.setBody(body);
        return event;
    }

    private static void onPool(APIGatewayV2HTTPEvent event, String identifier, String suffix) {
        event.setPathParameters(Map.of("identifier", identifier));
        String path = "/pools/" + URLEncoder.encode(identifier, StandardCharsets.UTF_8).replace("+", "%20") + suffix;
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
    }

    private static APIGatewayV2HTTPEvent listPools(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = sample("api-list-pools");
        event.setQueryStringParameters(query);
        event.setRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        return event;
    }

    /**
     * POST /enforcements as a caller sends it (202, with where to follow the run), then the run the
     * stack's rule hands the enforcer: the enforcer's summary of it.
     */
    private JsonNode runToTheEnd(APIGatewayV2HTTPEvent post) {
        Answer accepted = call(post);
        assertThat(accepted.status()).isEqualTo(202);
        String runId = accepted.body().path("runId").asText();
        assertThat(accepted.headers()).containsEntry("Location", "/enforcements/" + runId);
        JsonNode requested = events().stream()
                .filter(e -> e.path("detail-type").asText().equals("Enforcement Requested")).findFirst().orElseThrow();
        assertThat(requested.at("/detail/runId").asText()).isEqualTo(runId);
        return EnforcerRuns.invoke(EnforcerRuns.handler(env), requested);
    }

    private static APIGatewayV2HTTPEvent getRun(String runId) {
        APIGatewayV2HTTPEvent event = sample("api-get-run");
        event.setRawPath("/enforcements/" + runId);
        event.setPathParameters(Map.of("runId", runId));
        return event;
    }

    private static APIGatewayV2HTTPEvent enforcements(String body) {
        APIGatewayV2HTTPEvent event = sample("api-post-enforcements");
        event.setBody(body);
        return event;
    }

    private List<JsonNode> events() {
        List<JsonNode> events = tap.drain();
        for (JsonNode e : events) {
            assertThat(EventSchemas.violations(EventSchemas.typeOf(e.path("detail-type").asText()), e.path("detail")))
                    .as("%s conforms to its schema", e).isEmpty();
        }
        return events;
    }

    private long chimeCalls() {
        return emulator.requests().size();
    }

    // ---- the samples themselves

    @ParameterizedTest
    @ValueSource(strings = {"api-list-pools", "api-get-pool", "api-get-pool-by-arn", "api-put-retention",
            "api-post-enforcements", "api-get-policy"})
    void everySample_isAValidRequest_andIsAnswered200(String name) {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        APIGatewayV2HTTPEvent event = sample(name);
        assertThat(ApiContract.requestViolations(event)).as(name + " conforms to openapi.yaml").isEmpty();

        assertThat(call(event).status()).isEqualTo(name.equals("api-post-enforcements") ? 202 : 200);
    }

    // ---- reads

    @Test
    void getPool_byNameOrArn_answersTheConfigurationAndItsVerdict() {
        emulator.seed(EmulatedPool.active("sales-calls", 5000));
        String arn = emulator.poolArn("us-east-1", "sales-calls");

        for (APIGatewayV2HTTPEvent event : List.of(getPool("sales-calls"), getPool(arn))) {
            Answer answer = call(event);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().at("/pool/poolArn").asText()).isEqualTo(arn);
            assertThat(answer.body().at("/pool/poolStatus").asText()).isEqualTo("ACTIVE");
            assertThat(answer.body().at("/pool/streamConfiguration/dataRetentionInHours").asInt()).isEqualTo(5000);
            assertThat(answer.body().at("/pool/createdTimestamp").asText()).isNotEmpty();
            JsonNode compliance = answer.body().get("compliance");
            assertThat(compliance.get("compliant").asBoolean()).isFalse();
            assertThat(compliance.get("verdict").asText()).isEqualTo("CHANGE_DUE");
            assertThat(compliance.get("rule").asText()).isEqualTo("default");
            assertThat(compliance.at("/bounds/description").asText()).isEqualTo("24..720 hours");
            assertThat(compliance.get("enforcementWouldSet").asInt()).isEqualTo(720);
        }
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).as("a read changes nothing").isZero();
    }

    @Test
    void getPool_exemptAndDeferredPools_sayWhy() {
        env.put("EXEMPT_TAG", "kvs-pool-guard:exempt=true"); // the stack turns the tag on
        emulator.seed(EmulatedPool.active("held", 87_600).withTags(Map.of("kvs-pool-guard:exempt", "true")),
                EmulatedPool.active("busy", 2).withStatus(PoolStatus.UPDATING));

        JsonNode held = call(getPool("held")).body().get("compliance");
        JsonNode busy = call(getPool("busy")).body().get("compliance");

        assertThat(held.get("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(held.get("compliant").asBoolean()).isTrue();
        assertThat(held.get("reason").asText()).contains("kvs-pool-guard:exempt");
        assertThat(busy.get("verdict").asText()).isEqualTo("DEFERRED");
        assertThat(busy.get("enforcementWouldSet").asInt()).isEqualTo(24);
        assertThat(busy.get("reason").asText()).contains("UPDATING");
    }

    @Test
    void listPools_pagesThroughEveryRegion_readingEachPoolOnce() {
        emulator.seed(IntStream.range(0, 5).mapToObj(i -> EmulatedPool.active("us-" + i, 48))
                .toArray(EmulatedPool[]::new));
        emulator.seed(EmulatedPool.active("eu-0", 9000).withRegion("eu-central-1"),
                EmulatedPool.active("eu-1", 48).withRegion("eu-central-1"));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = token == null ? Map.of("limit", "3") : Map.of("limit", "3", "nextToken", token);
            Answer page = call(listPools(query));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().at("/policy/source").asText()).isEqualTo("defaults");
            pageSizes.add(page.body().get("pools").size());
            page.body().get("pools").forEach(p -> seen.add(p.at("/pool/poolName").asText() + ":"
                    + p.at("/compliance/verdict").asText()));
            token = page.body().get("nextToken").isNull() ? null : page.body().get("nextToken").asText();
        } while (token != null && pageSizes.size() < 10);

        assertThat(seen).containsExactlyInAnyOrder("us-0:COMPLIANT", "us-1:COMPLIANT", "us-2:COMPLIANT",
                "us-3:COMPLIANT", "us-4:COMPLIANT", "eu-0:CHANGE_DUE", "eu-1:COMPLIANT");
        assertThat(pageSizes).allSatisfy(n -> assertThat(n).isBetween(1, 3));
        assertThat(emulator.count(Operation.GET_POOL).calls()).isEqualTo(7);
    }

    @Test
    void listPools_ofOneRegion_walksThatRegionOnly() {
        emulator.seed(EmulatedPool.active("us-0", 48), EmulatedPool.active("eu-0", 48).withRegion("eu-central-1"));

        Answer page = call(listPools(Map.of("region", "eu-central-1")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("pools")).extracting(p -> p.at("/pool/poolName").asText()).containsExactly("eu-0");
        assertThat(page.body().get("nextToken").isNull()).isTrue();
        assertThat(emulator.requests()).allSatisfy(r -> assertThat(r.region()).isEqualTo("eu-central-1"));
    }

    @Test
    void listPools_ofOneAccount_walksItsRegionsOnly_throughItsRole() {
        String member = "210987654321";
        env.put("GOVERNED_ACCOUNTS", member);
        env.put("MEMBER_EXTERNAL_ID", "ext-1");
        emulator.seed(EmulatedPool.active("home", 48), EmulatedPool.active("member-us", 48).withAccount(member),
                EmulatedPool.active("member-eu", 48).withAccount(member).withRegion("eu-central-1"));

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("account", member, "limit", "1"));
            if (token != null) {
                query.put("nextToken", token);
            }
            Answer page = call(listPools(query));
            assertThat(page.status()).isEqualTo(200);
            page.body().get("pools").forEach(p -> seen.add(p.at("/pool/poolName").asText()));
            token = page.body().get("nextToken").isNull() ? null : page.body().get("nextToken").asText();
        } while (token != null && seen.size() < 5);

        assertThat(seen).containsExactly("member-eu", "member-us");
        assertThat(emulator.requests()).filteredOn(r -> r.operation() != Operation.ASSUME_ROLE)
                .allSatisfy(r -> assertThat(r.accountId()).isEqualTo(member));
    }

    @ParameterizedTest
    @ValueSource(strings = {"account=abc", "account=999999999999", "region=ap-south-1", "region="})
    void listPools_filtersOutsideTheGovernedShards_are400_andNeverReachAws(String filter) {
        String[] pair = filter.split("=", 2);

        Answer answer = call(listPools(Map.of(pair[0], pair[1])));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains(pair[0]);
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void listPools_aTokenOfAnotherFilter_is400() {
        emulator.seed(EmulatedPool.active("us-0", 48), EmulatedPool.active("us-1", 48));
        String token = call(listPools(Map.of("limit", "1"))).body().get("nextToken").asText();

        Answer answer = call(listPools(Map.of("region", "eu-central-1", "nextToken", token)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("nextToken");
    }

    @Test
    void getRun_answersTheRunAPostRan_withItsShardsAndCounts() {
        emulator.seed(EmulatedPool.active("sales-calls", 9000), EmulatedPool.active("within", 48));
        Answer accepted = call(enforcements("{}"));
        String runId = accepted.body().path("runId").asText();
        Answer running = call(getRun(runId));
        JsonNode requested = events().stream()
                .filter(e -> e.path("detail-type").asText().equals("Enforcement Requested")).findFirst().orElseThrow();
        EnforcerRuns.invoke(EnforcerRuns.handler(env), requested);

        Answer run = call(getRun(runId));

        assertThat(running.body().path("status").asText()).as("recorded before the enforcer starts").isEqualTo("RUNNING");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.body().path("trigger").asText()).isEqualTo("api");
        assertThat(run.body().at("/shards/total").asInt()).isEqualTo(2); // us-east-1 and eu-central-1
        assertThat(run.body().at("/shards/done").asInt()).isEqualTo(2);
        assertThat(run.body().at("/counts/ENFORCED").asInt()).isEqualTo(1);
        assertThat(run.body().at("/counts/COMPLIANT").asInt()).isEqualTo(1);
        assertThat(run.body().path("finishedAt").isTextual()).isTrue();
    }

    @Test
    void getRun_ofAnUnknownRun_is404_andOfAMalformedId_is400() {
        Answer unknown = call(getRun("no-such-run"));
        Answer malformed = call(getRun("not a run id"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("RUN_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).contains("runId");
        assertThat(chimeCalls()).isZero();
    }

    // ---- changes

    @Test
    void putRetention_withinPolicy_updatesRecordsAndAnnouncesWhoChangedIt() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        String arn = emulator.poolArn("us-east-1", "sales-calls");
        APIGatewayV2HTTPEvent request = putRetention("sales-calls", "{\"dataRetentionInHours\": 168}");

        Answer answer = call(request);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("changed").asBoolean()).isTrue();
        assertThat(answer.body().at("/pool/streamConfiguration/dataRetentionInHours").asInt()).isEqualTo(168);
        assertThat(answer.body().at("/compliance/verdict").asText()).isEqualTo("COMPLIANT");
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(168);
        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.path("detail-type").asText())
                .containsExactlyInAnyOrder("Pool Status Changed", "Pool Retention Changed");
        JsonNode changed = events.stream().filter(e -> e.path("detail-type").asText().equals("Pool Retention Changed"))
                .findFirst().orElseThrow().get("detail");
        assertThat(changed.get("fromHours").asInt()).isEqualTo(720);
        assertThat(changed.get("toHours").asInt()).isEqualTo(168);
        assertThat(changed.get("rule").asText()).isEqualTo("default");
        assertThat(changed.at("/changedBy/authorizer").asText()).isEqualTo("iam");
        assertThat(changed.at("/changedBy/principal").asText()).isEqualTo(OPERATOR);
        assertThat(changed.get("requestId").asText()).isEqualTo(request.getRequestContext().getRequestId());

        // the aws.chime Updated event our change causes: no drift, no update, nothing to report
        GuardConfig config = GuardConfig.fromEnvironment(env);
        var result = new RetentionGuard(AwsPorts.of(config, Clock.systemUTC()), config.maxConcurrency(),
                Clock.systemUTC()).enforce(PoolRef.fromArn(arn),
                new Trigger(Trigger.Kind.POOL_STATE_CHANGE, UUID.randomUUID().toString()),
                config.runOptions("updated-event", false));
        assertThat(result.published()).isEmpty();
        assertThat(events()).isEmpty();
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isEqualTo(1);
    }

    /**
     * A policy that lowers every pool to 1 hour, met by every trigger in turn: a schedule, a burst
     * of aws.chime events, two POST /enforcements and a PUT. No more decreases than the day's
     * budget are made, the rest are reported, and an increase is never held back.
     */
    @Test
    void aPolicyLoweringEveryPool_decreasesNoMoreThanTheDaysBudget_acrossEveryTrigger() {
        env.putAll(Map.of("MAX_DECREASES_PER_DAY", "4", "MAX_UPDATES_PER_RUN", ""));
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"version": "brief", "rules": [{"name": "grow", "match": {"name": "grow-*"}, "targetHours": 2000},
                                              {"name": "brief", "targetHours": 1}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);
        for (int i = 0; i < 10; i++) {
            emulator.seed(EmulatedPool.active("calls-" + i, 720));
        }
        emulator.seed(EmulatedPool.active("grow-1", 720), EmulatedPool.active("grow-2", 720));

        JsonNode swept = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        for (int i = 0; i < 10; i++) { // the pools' own events: each a run of one pool, with a cap of its own
            EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.poolEvent("pool-updated",
                    emulator.poolArn("us-east-1", "calls-" + i)));
        }
        List<JsonNode> events = new ArrayList<>(events());
        JsonNode requested = runToTheEnd(enforcements("{}"));
        events.addAll(events());
        runToTheEnd(enforcements("{}"));
        events.addAll(events());
        Answer lower = call(putRetention("calls-9", "{\"dataRetentionInHours\": 1}"));

        assertThat(emulator.pools()).filteredOn(p -> p.dataRetentionInHours() < 720).hasSize(4)
                .allSatisfy(p -> assertThat(p.dataRetentionInHours()).isEqualTo(1));
        assertThat(emulator.pools()).filteredOn(p -> p.name().startsWith("grow-"))
                .allSatisfy(p -> assertThat(p.dataRetentionInHours()).isEqualTo(2000));
        assertThat(swept.path("counts").path("BUDGET_REACHED").asInt()).isEqualTo(6);
        assertThat(requested.path("counts").path("BUDGET_REACHED").asInt()).isEqualTo(6);
        assertThat(lower.status()).isEqualTo(429);
        assertThat(lower.code()).isEqualTo("DECREASE_BUDGET_SPENT");
        assertThat(lower.message()).contains("decrease budget of 4 a day (MaxDecreasesPerDay) spent");
        assertThat(Long.parseLong(lower.headers().get("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Pool Retention Violation"))
                .extracting(e -> e.at("/detail/reason").asText()).containsOnly("BUDGET_REACHED")
                .as("each pool left undone reported once, whatever triggers came again").hasSize(6);
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Enforcement Run Completed"))
                .extracting(e -> e.at("/detail/counts/budgetReached").asInt()).containsExactly(6, 6, 6);
    }

    /**
     * The same policy, lowering every pool, met by a stack whose approval threshold it passes: its
     * decreases wait (its increases do not) until an operator approves that exact version through
     * the API; then they are made, within the day's budget.
     */
    @Test
    void aPolicyLoweringMoreThanTheThreshold_waitsForApproval_thenDecreasesWithinTheBudget() {
        env.putAll(Map.of("MAX_DECREASES_PER_DAY", "4", "MAX_UPDATES_PER_RUN", "", "DECREASE_APPROVAL_THRESHOLD", "3"));
        for (int i = 0; i < 6; i++) {
            emulator.seed(EmulatedPool.active("calls-" + i, 720));
        }
        emulator.seed(EmulatedPool.active("grow-1", 720));
        EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule")); // the defaults: nothing to do
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"version": "brief", "rules": [{"name": "grow", "match": {"name": "grow-*"}, "targetHours": 2000},
                                              {"name": "brief", "targetHours": 1}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);
        events();

        JsonNode held = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        Answer policy = call(sample("api-get-policy"));
        Answer mismatch = call(approval("brief", "sha256:" + "0".repeat(64)));
        Answer approved = call(approval("brief", policy.body().path("digest").asText()));
        JsonNode after = EnforcerRuns.invoke(EnforcerRuns.handler(env), EnforcerRuns.fresh("schedule"));
        List<JsonNode> events = events();

        assertThat(held.path("counts").path("HELD").asInt()).isEqualTo(6);
        assertThat(held.path("counts").path("ENFORCED").asInt()).as("the increase is never held").isEqualTo(1);
        assertThat(policy.body().at("/met/held").asBoolean()).isTrue();
        assertThat(policy.body().at("/met/decreases").asInt()).isEqualTo(6);
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.code()).isEqualTo("POLICY_MISMATCH");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().path("held").asBoolean()).isFalse();
        assertThat(approved.body().path("approvedBy").asText()).isEqualTo(OPERATOR);
        assertThat(after.path("counts").path("ENFORCED").asInt()).isEqualTo(4);
        assertThat(after.path("counts").path("BUDGET_REACHED").asInt()).isEqualTo(2);
        assertThat(emulator.pools()).filteredOn(p -> p.dataRetentionInHours() == 1).hasSize(4);
        assertThat(events).filteredOn(e -> e.path("detail-type").asText().equals("Policy Changed")).singleElement()
                .satisfies(e -> {
                    assertThat(e.at("/detail/version").asText()).isEqualTo("brief");
                    assertThat(e.at("/detail/decreases").asInt()).isEqualTo(6);
                    assertThat(e.at("/detail/increases").asInt()).isEqualTo(1);
                    assertThat(e.at("/detail/hoursAtStake").asLong()).isEqualTo(6L * 719);
                    assertThat(e.at("/detail/held").asBoolean()).isTrue();
                });
    }

    private static APIGatewayV2HTTPEvent approval(String version, String digest) {
        APIGatewayV2HTTPEvent event = sample("api-post-enforcements");
        event.setRouteKey("POST /policy/approvals");
        event.setRawPath("/policy/approvals");
        event.getRequestContext().getHttp().setPath("/policy/approvals");
        event.setBody("{\"version\": \"" + version + "\", \"digest\": \"" + digest + "\"}");
        return event;
    }

    @Test
    void history_afterASweepAChangeAndADrift_isThePoolsEvents_newestFirst_inPages() {
        emulator.seed(EmulatedPool.active("sales-calls", 5000));
        String arn = emulator.poolArn("us-east-1", "sales-calls");
        runToTheEnd(enforcements("{}"));
        assertThat(call(putRetention("sales-calls", "{\"dataRetentionInHours\": 168}")).status()).isEqualTo(200);
        emulator.replace("us-east-1", "sales-calls", p -> p.withRetention(5000));
        GuardConfig config = GuardConfig.fromEnvironment(env);
        new RetentionGuard(AwsPorts.of(config, Clock.systemUTC()), config.maxConcurrency(), Clock.systemUTC())
                .enforce(PoolRef.fromArn(arn), new Trigger(Trigger.Kind.POOL_STATE_CHANGE, UUID.randomUUID().toString()),
                        config.runOptions("drifted", false));
        List<JsonNode> published = events().stream().filter(e -> e.path("resources").toString().contains(arn)).toList();
        assertThat(published).extracting(e -> e.path("detail-type").asText()).containsExactlyInAnyOrder(
                "Pool Status Changed", "Pool Retention Enforced", "Pool Retention Changed", "Pool Retention Drifted",
                "Pool Retention Enforced");

        List<JsonNode> kept = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            Answer page = call(history(arn, query));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().at("/pool/name").asText()).isEqualTo("sales-calls");
            page.body().path("events").forEach(kept::add);
            token = page.body().path("nextToken").isNull() ? null : page.body().path("nextToken").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(kept).extracting(e -> e.path("eventId").asText()).as("every event published about it, once")
                .containsExactlyInAnyOrderElementsOf(published.stream().map(e -> e.at("/detail/eventId").asText()).toList());
        // DynamoDB may end a full last page with a token whose page is empty
        assertThat(pages).isBetween((published.size() + 1) / 2, (published.size() + 1) / 2 + 1);
        List<java.time.Instant> times = kept.stream().map(e -> java.time.Instant.parse(e.path("time").asText())).toList();
        assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(kept.getFirst().path("detailType").asText()).isIn("Pool Retention Drifted", "Pool Retention Enforced");
        JsonNode changed = kept.stream().filter(e -> e.path("detailType").asText().equals("Pool Retention Changed"))
                .findFirst().orElseThrow();
        assertThat(changed.at("/detail/changedBy/principal").asText()).isEqualTo(OPERATOR);

        // by name as by ARN, and since the drift: the change before it is left out
        String since = kept.stream().filter(e -> e.path("detailType").asText().equals("Pool Retention Drifted"))
                .findFirst().orElseThrow().path("time").asText();
        Answer recent = call(history("sales-calls", Map.of("since", since)));
        assertThat(recent.body().path("events")).extracting(e -> e.path("detailType").asText())
                .doesNotContain("Pool Retention Changed").contains("Pool Retention Drifted");
    }

    private static APIGatewayV2HTTPEvent compliance(Map<String, String> query, String accept) {
        APIGatewayV2HTTPEvent event = listPools(query);
        event.setRouteKey("GET /compliance");
        event.setRawPath("/compliance");
        event.getRequestContext().getHttp().setPath("/compliance");
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        if (accept != null) {
            headers.put("accept", accept);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void compliance_afterASweep_countsEachStanding_byAccountRegionAndRule_readingNoPool() {
        env.put("EXEMPT_TAG", "kvs-pool-guard:exempt=true"); // the stack turns the tag on
        emulator.seed(EmulatedPool.active("within", 168), EmulatedPool.active("above", 5000),
                EmulatedPool.active("held", 5000).withTags(Map.of("kvs-pool-guard:exempt", "true")),
                EmulatedPool.active("busy", 5000).withStatus(PoolStatus.UPDATING));
        runToTheEnd(enforcements("{}"));
        long calls = chimeCalls();

        Answer answer = call(compliance(Map.of(), null));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(chimeCalls()).as("from the state alone").isEqualTo(calls);
        JsonNode body = answer.body();
        assertThat(body.path("pools").asInt()).isEqualTo(4);
        assertThat(body.path("totals").toString()).isEqualTo(
                "{\"compliant\":1,\"changed\":1,\"exempt\":1,\"deferred\":1,\"failing\":0,\"unjudged\":0}");
        assertThat(body.path("groups")).extracting(g -> g.path("region").asText() + "/" + g.path("rule").asText(null)
                + ":" + g.path("compliant").asInt() + g.path("changed").asInt() + g.path("exempt").asInt()
                + g.path("deferred").asInt()).containsExactly("us-east-1/null:0010", "us-east-1/default:1101");
        assertThat(call(compliance(Map.of("region", "eu-central-1"), "application/json")).body().path("pools").asInt())
                .isZero();
    }

    @Test
    void compliance_asCsv_isOnePoolARow_thatParses() {
        emulator.seed(EmulatedPool.active("within", 168), EmulatedPool.active("above", 5000));
        runToTheEnd(enforcements("{}"));

        APIGatewayV2HTTPEvent request = compliance(Map.of(), "text/csv, application/json;q=0.5");
        APIGatewayV2HTTPResponse response = send(request);

        assertThat(ApiContract.responseViolations(request, response)).isEmpty();
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
        List<String> lines = List.of(response.getBody().split("\r\n"));
        assertThat(response.getBody()).endsWith("\r\n");
        assertThat(lines.getFirst()).isEqualTo("account,region,pool,standing,rule,status,retention_hours,observed_at,arn");
        assertThat(lines.subList(1, lines.size())).extracting(l -> {
            String[] cells = l.split(",", -1);
            assertThat(cells).hasSize(9);
            return cells[2] + ":" + cells[3] + ":" + cells[4] + ":" + cells[6];
        }).containsExactly("above:changed:default:720", "within:compliant:default:168");
        // JSON preferred, or no CSV asked for: JSON
        assertThat(send(compliance(Map.of(), "application/json, text/csv;q=0.1")).getHeaders())
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void compliance_inPages_readsEachPoolOnce_andATokenOfOtherFilters_is400() {
        emulator.seed(EmulatedPool.active("a", 48), EmulatedPool.active("b", 48), EmulatedPool.active("c", 48));
        runToTheEnd(enforcements("{}"));

        Answer first = call(compliance(Map.of("limit", "2"), null));
        String token = first.body().path("nextToken").asText();
        Answer second = call(compliance(Map.of("limit", "2", "nextToken", token), null));
        APIGatewayV2HTTPEvent csvRequest = compliance(Map.of("limit", "2"), "text/csv");
        APIGatewayV2HTTPResponse csv = send(csvRequest);

        assertThat(first.body().path("pools").asInt()).isEqualTo(2);
        assertThat(second.body().path("pools").asInt()).isEqualTo(1);
        assertThat(second.body().has("nextToken")).isFalse();
        assertThat(ApiContract.responseViolations(csvRequest, csv)).isEmpty();
        assertThat(csv.getHeaders()).containsEntry("X-Next-Token", token);
        assertThat(csv.getBody().split("\r\n")).hasSize(3); // the header and two pools
        Answer otherFilters = call(compliance(Map.of("region", "us-east-1", "nextToken", token), null));
        assertThat(otherFilters.status()).isEqualTo(400);
        assertThat(otherFilters.message()).contains("nextToken");
        assertThat(call(compliance(Map.of("limit", "10001"), null)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"region=ap-south-1", "account=999999999999", "account=12"})
    void compliance_ofShardsNotGoverned_is400(String query) {
        String[] pair = query.split("=", 2);

        Answer answer = call(compliance(Map.of(pair[0], pair[1]), null));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains(pair[0]);
    }

    @Test
    void compliance_withoutItsStateTable_is503() {
        env.put("STATE_TABLE_NAME", "no-such-table");

        Answer answer = call(compliance(Map.of(), null));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("RECORDS_UNAVAILABLE");
    }

    @Test
    void history_ofAPoolWithNone_isEmpty_andOfAnUngovernedAccount_is404() {
        Answer none = call(history("never-seen", Map.of()));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("events")).isEmpty();
        assertThat(none.body().path("nextToken").isNull()).isTrue();

        Answer stranger = call(history("arn:aws:chime:us-east-1:999999999999:media-pipeline-kinesis-video-stream-pool/x",
                Map.of()));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(chimeCalls()).as("history needs no read of the pool").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-01T00:00:00Z", "2026-11-01T01:00:00+01:00", "2026-11-01t00:00:00.5z"})
    void history_since_takesAnyRfc3339DateTime(String since) {
        assertThat(call(history("sales-calls", Map.of("since", since))).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=yesterday", "since=2026-13-01T00:00:00Z", "since=2026-11-01", "since=",
            "limit=0", "limit=101", "limit=ten", "nextToken=garbage", "nextToken="})
    void history_badQueries_are400(String query) {
        String[] pair = query.split("=", 2);

        Answer answer = call(history("sales-calls", Map.of(pair[0], pair[1])));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.message()).contains(pair[0]);
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void putRetention_theValueItAlreadyHas_changesNothing() {
        emulator.seed(EmulatedPool.active("sales-calls", 168));

        Answer answer = call(putRetention("sales-calls", "{\"dataRetentionInHours\": 168}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("changed").asBoolean()).isFalse();
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).doesNotContain("Pool Retention Changed");
    }

    @Test
    void putRetention_onAnExemptPool_takesAnyValidValue() {
        env.put("EXEMPT_TAG", "kvs-pool-guard:exempt=true"); // the stack turns the tag on
        emulator.seed(EmulatedPool.active("held", 720).withTags(Map.of("kvs-pool-guard:exempt", "true")));

        Answer answer = call(putRetention("held", "{\"dataRetentionInHours\": 87600}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(87_600);
        assertThat(events()).filteredOn(e -> e.path("detail-type").asText().equals("Pool Retention Changed"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/rule").isNull()).isTrue());
    }

    @Test
    void putRetention_outsidePolicy_is422NamingTheRuleAndBounds_andNeverReachesUpdate() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));

        Answer answer = call(putRetention("sales-calls", "{\"dataRetentionInHours\": 5000}"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.code()).isEqualTo("OUTSIDE_POLICY");
        assertThat(answer.message()).contains("5000", "'default'", "24..720 hours");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(720);
    }

    @Test
    void putRetention_outsideAnSsmRule_namesThatRule() {
        emulator.seed(EmulatedPool.active("legal-eu", 2160));
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"rules": [{"name": "legal-hold", "match": {"name": "legal-*"}, "minHours": 2160}]}""");
        env.put("POLICY_PARAMETER_NAME", parameter);

        Answer answer = call(putRetention("legal-eu", "{\"dataRetentionInHours\": 48}"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.message()).contains("'legal-hold'", "at least 2160 hours");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    @Test
    void putRetention_onAnExemptPool_keepsWithinThePolicysLimits_andGetPolicyShowsThem() {
        env.put("EXEMPT_TAG", "kvs-pool-guard:exempt=true"); // the stack turns the tag on
        emulator.seed(EmulatedPool.active("held", 720).withTags(Map.of("kvs-pool-guard:exempt", "true")));
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, """
                {"limits": {"minHours": 24, "maxHours": 2160}, "defaults": {"minHours": 24, "maxHours": 720}}""");
        env.put("POLICY_PARAMETER_NAME", parameter);

        Answer past = call(putRetention("held", "{\"dataRetentionInHours\": 87600}"));
        Answer policy = call(sample("api-get-policy"));

        assertThat(past.status()).isEqualTo(422);
        assertThat(past.message()).contains("'limits'", "24..2160 hours");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(policy.body().at("/document/limits/maxHours").asInt()).isEqualTo(2160);
    }

    @Test
    void putRetention_onAPoolNotActive_is409_andNeverReachesUpdate() {
        emulator.seed(EmulatedPool.active("busy", 720).withStatus(PoolStatus.UPDATING));

        Answer answer = call(putRetention("busy", "{\"dataRetentionInHours\": 168}"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("POOL_NOT_ACTIVE");
        assertThat(answer.message()).contains("UPDATING");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    @Test
    void putRetention_ofAnUnknownPool_is404() {
        Answer answer = call(putRetention("nobody", "{\"dataRetentionInHours\": 168}"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("POOL_NOT_FOUND");
        assertThat(answer.message()).contains("nobody");
    }

    @Test
    void putRetention_withoutACallerIdentity_is401_andTouchesNothing() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        APIGatewayV2HTTPEvent event = putRetention("sales-calls", "{\"dataRetentionInHours\": 168}");
        event.getRequestContext().setAuthorizer(null);

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void putRetention_withAJwtCaller_recordsItsSubject() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        APIGatewayV2HTTPEvent event = putRetention("sales-calls", "{\"dataRetentionInHours\": 168}");
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", "user-42", "iss", "https://issuer.example.com"));
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);

        assertThat(call(event).status()).isEqualTo(200);

        assertThat(events()).filteredOn(e -> e.path("detail-type").asText().equals("Pool Retention Changed"))
                .singleElement().satisfies(e -> assertThat(e.at("/detail/changedBy/principal").asText())
                        .isEqualTo("user-42"));
    }

    // ---- bad input: a 400 naming the problem, and not one call to the Chime API

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[]", "48", "null", "{}", "{\"dataRetentionInHours\": \"48\"}",
            "{\"dataRetentionInHours\": 48.5}", "{\"dataRetentionInHours\": 0}", "{\"dataRetentionInHours\": -1}",
            "{\"dataRetentionInHours\": 87601}", "{\"dataRetentionInHours\": 99999999999999999999}",
            "{\"dataRetentionInHours\": null}", "{\"dataRetentionInHours\": true}", "{\"dataRetentionInHours\": 1e3}",
            "{\"dataRetentionInHours\": 48, \"poolName\": \"x\"}", "{\"dataRetentionInHours\": 48, \"dataRetentionInHours\": 49}",
            "{\"dataRetentionInHours\": 48} trailing", "{\"DataRetentionInHours\": 48}"})
    void putRetention_malformedBodies_are400_andNeverReachAws(String body) {
        emulator.seed(EmulatedPool.active("sales-calls", 720));

        Answer answer = call(putRetention("sales-calls", body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.message()).isNotBlank();
        assertThat(chimeCalls()).as("no call to the Chime API").isZero();
    }

    @Test
    void putRetention_aBase64BodyIsDecoded_andABrokenOneRefused() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        APIGatewayV2HTTPEvent encoded = putRetention("sales-calls", java.util.Base64.getEncoder()
                .encodeToString("{\"dataRetentionInHours\": 96}".getBytes(StandardCharsets.UTF_8)));
        encoded.setIsBase64Encoded(true);
        APIGatewayV2HTTPEvent broken = putRetention("sales-calls", "not base64 at all!");
        broken.setIsBase64Encoded(true);

        assertThat(call(encoded).status()).isEqualTo(200);
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(96);
        assertThat(call(broken).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "ünïcödé", "arn:aws:s3:::bucket/key",
            "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/",
            "arn:aws:chime:us-east-1:123456789012:meeting/abc", "../../etc/passwd",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badIdentifiers_are400_onEveryPoolRoute_andNeverReachAws(String identifier) {
        assertThat(call(getPool(identifier)).status()).isEqualTo(400);
        assertThat(call(putRetention(identifier, "{\"dataRetentionInHours\": 48}")).status()).isEqualTo(400);
        Answer run = call(enforcements("{\"pools\": [" + JSON.valueToTree(identifier) + "]}"));
        assertThat(run.status()).isEqualTo(400);
        assertThat(run.message()).contains("pools[0]");
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void anArnInARegionThisStackDoesNotGovern_is404_withoutAsking() {
        Answer answer = call(getPool("arn:aws:chime:ap-south-1:123456789012:media-pipeline-kinesis-video-stream-pool/x"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).contains("ap-south-1", "us-east-1");
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void anArnOfAnAccountThisStackDoesNotGovern_is404_withoutAsking() {
        Answer answer = call(getPool("arn:aws:chime:us-east-1:999999999999:media-pipeline-kinesis-video-stream-pool/x"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).contains("account 999999999999");
        assertThat(chimeCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "10.5", "", "1e2", "0010000"})
    void listPools_badLimits_are400_andNeverReachAws(String limit) {
        Answer answer = call(listPools(Map.of("limit", limit)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("limit");
        assertThat(chimeCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "djF8YXAtc291dGgtMXw", "djJ8dXMtZWFzdC0xfA"}) // junk; v1|ap-south-1|; v2|us-east-1|
    void listPools_tokensThisApiDidNotIssue_are400_andNeverReachAws(String token) {
        Answer answer = call(listPools(Map.of("nextToken", token)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("nextToken");
        assertThat(chimeCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "{\"dryRun\": \"yes\"}", "{\"dryRun\": 1}", "{\"pools\": []}",
            "{\"pools\": \"sales-calls\"}", "{\"pools\": [1]}", "{\"pools\": [\"a\", \"a\"]}", "{\"pools\": [null]}",
            "{\"poolz\": [\"a\"]}", "{\"dryRun\": true, \"force\": true}"})
    void runEnforcement_malformedBodies_are400_andNeverReachAws(String body) {
        Answer answer = call(enforcements(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void runEnforcement_withMoreThan100Pools_is400() {
        String pools = IntStream.range(0, 101).mapToObj(i -> "\"p" + i + "\"").collect(Collectors.joining(","));

        Answer answer = call(enforcements("{\"pools\": [" + pools + "]}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(chimeCalls()).isZero();
    }

    /** API Gateway answers unknown routes itself; a route the template adds and the code lacks is this 404. */
    @Test
    void anUnknownRoute_is404() {
        APIGatewayV2HTTPEvent event = sample("api-get-policy");
        event.setRouteKey("DELETE /pools/{identifier}");

        APIGatewayV2HTTPResponse response = send(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(parse(response.getBody()).at("/error/code").asText()).isEqualTo("ROUTE_NOT_FOUND");
    }

    /**
     * The routes are written in template.yaml, docs/openapi.yaml and PoolApiHandler: TemplateTest
     * holds the template's to the document, and this the handler's, every route of the document
     * answered by a route of the code (with what the request lacks refused, never as ROUTE_NOT_FOUND).
     */
    @Test
    void everyRouteOfTheOpenApiDocument_isOneTheHandlerServes() throws Exception {
        JsonNode paths = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(java.nio.file.Path.of("..", "docs", "openapi.yaml").toFile()).path("paths");
        List<String> routes = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                routes.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(routes).contains("GET /pools", "PUT /pools/{identifier}/retention", "POST /enforcements");

        for (String route : routes) {
            APIGatewayV2HTTPEvent event = sample("api-get-policy");
            event.setRouteKey(route);
            event.setBody(route.startsWith("POST") ? "{\"dryRun\": true, \"pools\": [\"served\"]}" : null);

            APIGatewayV2HTTPResponse response = send(event);

            assertThat(parse(response.getBody()).at("/error/code").asText()).as(route + ": " + response.getBody())
                    .isNotEqualTo("ROUTE_NOT_FOUND");
        }
    }

    // ---- runs

    @Test
    void runEnforcement_isAccepted_andRecordedAsRunning_beforeTheEnforcerStarts() {
        Answer accepted = call(sample("api-post-enforcements"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("status").asText()).isEqualTo("RUNNING");
        assertThat(accepted.body().get("location").asText()).isEqualTo(accepted.headers().get("Location"));
        assertThat(call(getRun(accepted.body().get("runId").asText())).body().get("status").asText())
                .isEqualTo("RUNNING");
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Enforcement Requested");
        assertThat(chimeCalls()).as("nothing is read before the enforcer runs").isZero();
    }

    @Test
    void runEnforcement_whenTheBusRefusesTheRequest_is503_andNothingStarts() {
        env.put("EVENT_BUS_NAME", "no-such-bus-" + UUID.randomUUID());

        Answer answer = call(enforcements("{}"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("RUN_NOT_QUEUED");
        assertThat(answer.headers()).containsKey("Retry-After");
        // recorded first, so it stays RUNNING until its deadline reports it incomplete
        assertThat(call(getRun(answer.body().path("requestId").asText())).body().path("status").asText())
                .isEqualTo("RUNNING");
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void runEnforcement_whenTheRunCannotBeRecorded_is503_andNothingIsHandedToTheEnforcer() {
        env.put("STATE_TABLE_NAME", "no-such-table");

        Answer answer = call(enforcements("{}"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("RECORDS_UNAVAILABLE");
        assertThat(events()).as("no Enforcement Requested without its record").isEmpty();
        assertThat(chimeCalls()).isZero();
    }

    @Test
    void anEnforcementRequested_forARunTheApiDidNotRecord_startsNothing() {
        emulator.seed(EmulatedPool.active("above", 5000));
        String runId = call(enforcements("{\"dryRun\": false}")).body().path("runId").asText();
        JsonNode requested = events().getFirst();
        RetentionEnforcerHandler enforcer = EnforcerRuns.handler(env);
        ObjectNode forged = requested.deepCopy();
        ((ObjectNode) forged.path("detail")).put("runId", UUID.randomUUID().toString());
        ObjectNode otherOptions = requested.deepCopy();
        ((ObjectNode) otherOptions.path("detail")).put("dryRun", true);

        JsonNode forgedAnswer = EnforcerRuns.invoke(enforcer, forged);
        JsonNode otherAnswer = EnforcerRuns.invoke(enforcer, otherOptions);
        assertThat(chimeCalls()).as("nothing read for a run the API did not record").isZero();
        assertThat(events()).isEmpty();
        JsonNode ran = EnforcerRuns.invoke(enforcer, requested);
        long callsOfTheRun = chimeCalls();
        JsonNode replayed = EnforcerRuns.invoke(enforcer, requested);

        assertThat(forgedAnswer.path("refused").asText()).contains("the API recorded no such run");
        assertThat(otherAnswer.path("refused").asText()).contains("asked for with dryRun false");
        assertThat(ran.has("refused")).as(ran.toString()).isFalse();
        assertThat(call(getRun(runId)).body().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(replayed.path("refused").asText()).contains("its record is COMPLETED");
        assertThat(chimeCalls()).as("the replay read nothing").isEqualTo(callsOfTheRun);
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isEqualTo(1);
    }

    @Test
    void runEnforcement_dryRunOverNamedPools_judgesThemAndChangesNothing() {
        emulator.seed(EmulatedPool.active("sales-calls", 5000), EmulatedPool.active("other", 9000));

        JsonNode summary = runToTheEnd(sample("api-post-enforcements"));

        assertThat(summary.get("dryRun").asBoolean()).isTrue();
        assertThat(summary.get("trigger").asText()).isEqualTo("api");
        assertThat(summary.at("/counts/DRY_RUN").asInt()).isEqualTo(1);
        assertThat(summary.get("outcomes")).singleElement().satisfies(o -> {
            assertThat(o.get("pool").asText()).isEqualTo("sales-calls");
            assertThat(o.get("arn").asText()).isEqualTo(emulator.poolArn("us-east-1", "sales-calls"));
            assertThat(o.get("toHours").asInt()).isEqualTo(720);
        });
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
        assertThat(emulator.count(Operation.GET_POOL).calls()).as("only the pool named").isEqualTo(1);
    }

    @Test
    void runEnforcement_overEveryPool_isTheScheduledSweep_triggeredByTheApi() {
        emulator.seed(EmulatedPool.active("above", 5000), EmulatedPool.active("within", 48));

        JsonNode summary = runToTheEnd(enforcements(null));

        assertThat(summary.at("/counts/ENFORCED").asInt()).isEqualTo(1);
        assertThat(summary.at("/counts/COMPLIANT").asInt()).isEqualTo(1);
        assertThat(summary.get("stateErrors")).isEmpty();
        assertThat(emulator.pools()).extracting(EmulatedPool::name, EmulatedPool::dataRetentionInHours)
                .containsExactlyInAnyOrder(tuple("above", 720), tuple("within", 48));
        JsonNode completed = events().stream()
                .filter(e -> e.path("detail-type").asText().equals("Enforcement Run Completed")).findFirst().orElseThrow();
        assertThat(completed.at("/detail/trigger/kind").asText()).isEqualTo("api");
    }

    @Test
    void runEnforcement_namingAPoolThatDoesNotExist_reportsIt() {
        JsonNode summary = runToTheEnd(enforcements("{\"pools\": [\"ghost\"]}"));

        assertThat(summary.get("outcomes")).singleElement().satisfies(o -> {
            assertThat(o.get("pool").asText()).isEqualTo("ghost");
            assertThat(o.get("outcome").asText()).isEqualTo("DEFERRED");
            assertThat(o.get("arn").isNull()).isTrue();
        });
    }

    @Test
    void aStackInDryRun_neverUpdates_evenWhenARequestAsksForARealRun() {
        env.put("DRY_RUN", "true");
        emulator.seed(EmulatedPool.active("above", 5000));

        JsonNode summary = runToTheEnd(enforcements("{\"dryRun\": false}"));

        assertThat(summary.get("dryRun").asBoolean()).isTrue();
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    // ---- the policy

    @Test
    void getPolicy_defaults_andAnSsmDocument_asDocumentsThatReadBackTheSame() throws Exception {
        Answer defaults = call(sample("api-get-policy"));
        assertThat(defaults.body().get("source").asText()).isEqualTo("defaults");
        assertThat(defaults.body().at("/document/defaults")).isEqualTo(JSON.readTree("{\"minHours\":24,\"maxHours\":720}"));
        assertThat(defaults.body().at("/document/exemptTag").isNull()).as("the tag is opt-in").isTrue();

        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        String document = """
                {"version": "2026-11", "defaults": {"minHours": 48, "maxHours": 2160}, "exemptTag": null,
                 "rules": [{"name": "legal", "match": {"name": "legal-*", "tags": {"team": "law"}}, "targetHours": 8760}]}""";
        aws.putParameter(parameter, document);
        env.put("POLICY_PARAMETER_NAME", parameter);

        Answer ssm = call(sample("api-get-policy"));

        assertThat(ssm.body().get("source").asText()).isEqualTo("ssm:" + parameter);
        assertThat(ssm.body().get("version").asText()).isEqualTo("2026-11");
        assertThat(ssm.body().get("document")).isEqualTo(JSON.readTree("""
                {"version": "2026-11", "defaults": {"minHours": 48, "maxHours": 2160}, "exemptTag": null,
                 "rules": [{"name": "legal", "match": {"name": "legal-*", "tags": {"team": "law"}}, "targetHours": 8760}]}"""));
    }

    @Test
    void anInvalidPolicy_failsClosed_503_beforeAnyPoolIsRead() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        String parameter = "/kvs-pool-guard/" + UUID.randomUUID();
        aws.putParameter(parameter, "{\"rules\": [{\"name\": \"x\", \"minHours\": 900, \"maxHours\": 10}]}");
        env.put("POLICY_PARAMETER_NAME", parameter);

        for (APIGatewayV2HTTPEvent event : List.of(sample("api-get-policy"), sample("api-list-pools"),
                getPool("sales-calls"), putRetention("sales-calls", "{\"dataRetentionInHours\": 48}"),
                sample("api-post-enforcements"))) {
            Answer answer = call(event);
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("POLICY_INVALID");
            assertThat(answer.message()).contains("rules[0]");
        }
        assertThat(chimeCalls()).isZero();
    }

    // ---- upstream faults, after the SDK's retries

    @Test
    void throttling_is429_withRetryAfter() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        emulator.injectFaults(FaultRule.always(Operation.GET_POOL, Fault.throttle()));

        Answer answer = call(getPool("sales-calls"));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.code()).isEqualTo("THROTTLED");
        assertThat(answer.headers()).containsEntry("Retry-After", "2");
        assertThat(emulator.count(Operation.GET_POOL).withStatus(429)).as("the SDK retried first").isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVICE_UNAVAILABLE", "SERVICE_FAILURE"})
    void serverErrors_are503_withRetryAfter(String error) {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        emulator.injectFaults(FaultRule.always(Operation.LIST_POOLS, Fault.error(ErrorType.valueOf(error))));

        Answer answer = call(listPools(Map.of()));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(answer.headers()).containsKey("Retry-After");
    }

    @Test
    void aRefusal_is502_withoutTheServicesMessage() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        emulator.injectFaults(FaultRule.always(Operation.GET_POOL, Fault.error(ErrorType.FORBIDDEN)));

        Answer answer = call(getPool("sales-calls"));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.code()).isEqualTo("UPSTREAM_REJECTED");
        assertThat(context.logged()).anySatisfy(line -> assertThat(line).contains("ForbiddenException"));
    }

    @Test
    void aConflictOnUpdate_is409_andNoChangeIsAnnounced() {
        emulator.seed(EmulatedPool.active("sales-calls", 720));
        emulator.injectFaults(FaultRule.always(Operation.UPDATE_POOL, Fault.error(ErrorType.CONFLICT)));

        Answer answer = call(putRetention("sales-calls", "{\"dataRetentionInHours\": 168}"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("POOL_CONFLICT");
        assertThat(emulator.pools().getFirst().dataRetentionInHours()).isEqualTo(720);
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).doesNotContain("Pool Retention Changed");
    }
}
