package kvspoolguard.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Answer;
import kvspoolguard.core.Compliance;
import kvspoolguard.core.GuardedPools;
import kvspoolguard.core.PolicyApproval;
import kvspoolguard.core.PoolVerdicts;
import kvspoolguard.core.Ports;
import kvspoolguard.core.RetentionChange;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.RetentionRequest;
import kvspoolguard.core.RunRequest;
import kvspoolguard.core.history.HistoryQuery;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.lambda.Invocations;
import kvspoolguard.lambda.Logs;
import kvspoolguard.lambda.Priming;
import kvspoolguard.report.TriggerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * PoolApiFunction: the HTTP API of docs/openapi.yaml. Each route checks its input (nothing
 * invalid reaches AWS), calls the core and shapes the answer; every failure becomes the JSON error
 * of the contract, and only the log, never the caller, sees an upstream's detail or a stack trace.
 */
public final class PoolApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Built once per execution environment, during init: before the snapshot when SnapStart is on. */
    private static final class FromEnvironment {
        static final GuardConfig CONFIG = GuardConfig.fromEnvironment(System.getenv());
        static final ShardScope SCOPE = AwsPorts.scope(CONFIG, Clock.systemUTC());
        static final Ports PORTS = AwsPorts.of(CONFIG, SCOPE, Clock.systemUTC());

        static {
            // its own: a request's identifier and body read
            Priming.register("PoolApiFunction", CONFIG, () -> {
                new ApiInput(SCOPE).pool("primed", "identifier");
                ApiInput.retentionHours("{\"dataRetentionInHours\": 48}", false);
            });
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PoolApiHandler.class);

    private final GuardConfig config;
    private final ShardScope scope;
    private final RetentionGuard guard;
    private final GuardedPools pools;
    private final ApiInput input;

    public PoolApiHandler() {
        this(FromEnvironment.CONFIG, FromEnvironment.SCOPE, FromEnvironment.PORTS);
    }

    /** Its use cases over {@code ports}, reaching the shards of {@code scope}, as {@code config} sets them up. */
    PoolApiHandler(GuardConfig config, ShardScope scope, Ports ports) {
        this.config = config;
        this.scope = scope;
        this.guard = new RetentionGuard(ports, config.maxConcurrency(), Clock.systemUTC());
        this.pools = new GuardedPools(new PoolVerdicts(ports.fleet(), config.maxConcurrency(), Clock.systemUTC()),
                ports.recording(),
                Clock.systemUTC());
        this.input = new ApiInput(scope);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Logs.open(context);
        String requestId = requestId(event, context);
        ApiRoute route = ApiRoute.of(event.getRouteKey()).orElse(null);
        Logs.correlate(requestId, route == ApiRoute.REQUEST_RUN);
        MDC.put("routeKey", event.getRouteKey());
        try {
            if (route == null) {
                throw ApiException.of(404, "ROUTE_NOT_FOUND", "no route " + event.getRouteKey());
            }
            return serve(route, event, new Trigger(Trigger.Kind.API, requestId, Invocations.timeLeft(context)));
        } catch (ApiException e) {
            return error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("unexpected error", e); // the stack trace is the log's, never the caller's
            return error(ApiException.of(500, "INTERNAL_ERROR", "an internal error occurred; quote the requestId "
                    + "when reporting it"), requestId);
        } finally {
            Logs.close();
        }
    }

    private APIGatewayV2HTTPResponse serve(ApiRoute route, APIGatewayV2HTTPEvent event, Trigger request) {
        return switch (route) {
            case LIST_POOLS -> ok(listPools(event, request));
            case INSPECT_POOL -> ok(ApiViews.judged(answer(
                    pools.inspect(input.pool(identifier(event), "identifier")), event, request)));
            case POOL_HISTORY -> ok(history(event, request));
            case CHANGE_RETENTION -> ok(changeRetention(event, request));
            case COMPLIANCE -> compliance(event, request);
            case REQUEST_RUN -> respond(202, requestRun(event, request),
                    Map.of("Location", "/enforcements/" + request.id()));
            case RECORDED_RUN -> ok(ApiViews.run(answer(guard.recordedRun(ApiInput.runId(
                    event.getPathParameters())), event, request)));
            case POLICY -> ok(ApiViews.policy(answer(pools.policy(), event, request)));
            case APPROVE_POLICY -> ok(approvePolicy(event, request));
        };
    }

    private static APIGatewayV2HTTPResponse ok(ObjectNode body) {
        return respond(200, body, Map.of());
    }

    private ObjectNode listPools(APIGatewayV2HTTPEvent event, Trigger request) {
        Map<String, String> query = event.getQueryStringParameters();
        return ApiViews.listing(answer(pools.page(input.shards(query), ApiInput.nextToken(query),
                ApiInput.limit(query)), event, request));
    }

    private ObjectNode history(APIGatewayV2HTTPEvent event, Trigger request) {
        var pool = input.pool(identifier(event), "identifier");
        Map<String, String> query = event.getQueryStringParameters();
        var asked = new HistoryQuery(ApiInput.since(query), ApiInput.limit(query), ApiInput.nextToken(query));
        return ApiViews.history(pool, answer(pools.history(pool, asked), event, request));
    }

    /**
     * GET /compliance: JSON counts, or with {@code Accept: text/csv} one row per pool, of at most
     * {@code limit} pools' records; when more remain, the answer's {@code nextToken} (CSV: its
     * {@code X-Next-Token} header) continues.
     */
    private APIGatewayV2HTTPResponse compliance(APIGatewayV2HTTPEvent event, Trigger request) {
        Map<String, String> query = event.getQueryStringParameters();
        ShardFilter only = input.shards(query);
        String after = ApiInput.complianceAfter(ApiInput.nextToken(query), only);
        Compliance compliance = answer(pools.compliance(shard -> only.accepts(shard) && scope.current().governs(shard),
                after, ApiInput.complianceLimit(query)), event, request);
        String next = ApiInput.complianceToken(compliance.next(), only);
        if (!ApiInput.acceptsCsv(event.getHeaders())) {
            return respond(200, ApiViews.compliance(compliance, next), Map.of());
        }
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "text/csv; charset=utf-8",
                "Cache-Control", "no-store"));
        if (next != null) {
            headers.put("X-Next-Token", next);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                .withBody(ApiViews.complianceCsv(compliance)).withIsBase64Encoded(false).build();
    }

    private ObjectNode changeRetention(APIGatewayV2HTTPEvent event, Trigger trigger) {
        var pool = input.pool(identifier(event), "identifier");
        Logs.pool(pool);
        int hours = ApiInput.retentionHours(event.getBody(), event.getIsBase64Encoded());
        var caller = Callers.of(event);
        return switch (pools.changeRetention(new RetentionRequest(pool, hours, caller), trigger)) {
            case RetentionChange.Changed c -> {
                TriggerLog.undone(c.run());
                Logs.pool(PoolRef.fromArn(c.pool().pool().arn())); // by its ARN, also when the request named it
                LOG.atInfo().addKeyValue("toHours", hours).addKeyValue("changedBy", caller.principal())
                        .log("retention changed");
                yield ApiViews.changed(c.pool(), true);
            }
            case RetentionChange.Unchanged u -> {
                TriggerLog.undone(u.run());
                yield ApiViews.changed(u.pool(), false);
            }
            case RetentionChange.Refused r -> {
                if (r.run() != null) {
                    TriggerLog.undone(r.run());
                }
                throw refused(r.problem(), event, trigger);
            }
        };
    }

    /**
     * POST /enforcements: the run is handed to the enforcer (through the bus) and recorded as
     * started; the caller follows it at {@code Location}.
     */
    private ObjectNode requestRun(APIGatewayV2HTTPEvent event, Trigger trigger) {
        ApiInput.EnforcementRequest request = input.enforcement(event.getBody(), event.getIsBase64Encoded());
        var options = config.runOptions(trigger.id(), request.dryRun());
        var run = answer(guard.request(trigger, options, new RunRequest(request.pools(), Callers.of(event))), event,
                trigger);
        LOG.atInfo().addKeyValue("dryRun", run.dryRun()) // the run is named after the request: runId is a field already
                .addKeyValue("pools", request.pools() == null ? "all" : request.pools().size()).log("run requested");
        return ApiViews.accepted(run);
    }

    /** POST /policy/approvals: the operator approves the decreases of the policy version in force. */
    private ObjectNode approvePolicy(APIGatewayV2HTTPEvent event, Trigger trigger) {
        ApiInput.ApprovalRequest asked = ApiInput.approval(event.getBody(), event.getIsBase64Encoded());
        var caller = Callers.of(event);
        var approved = answer(pools.approve(new PolicyApproval(asked.version(), asked.digest(), caller)), event,
                trigger);
        LOG.atInfo().addKeyValue("digest", approved.digest()).addKeyValue("approvedBy", caller.principal())
                .log("policy version approved");
        return ApiViews.version(approved);
    }

    /** The value of an answer, or the error its problem is. */
    private static <T> T answer(Answer<T> answer, APIGatewayV2HTTPEvent event, Trigger request) {
        return switch (answer) {
            case Answer.Done<T> done -> done.value();
            case Answer.Refused<T> refused -> throw refused(refused.problem(), event, request);
        };
    }

    /** A problem of the core, logged as loud as it deserves and answered as the contract says. */
    private static ApiException refused(Problem problem, APIGatewayV2HTTPEvent event, Trigger request) {
        ApiErrors.log(problem, LOG);
        return ApiErrors.of(problem, identifier(event));
    }

    private static String identifier(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters();
        return path == null ? null : path.get("identifier");
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        var request = event.getRequestContext();
        return request != null && request.getRequestId() != null ? request.getRequestId() : context.getAwsRequestId();
    }

    private static APIGatewayV2HTTPResponse error(ApiException e, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.retryAfterSeconds() != null) {
            headers.put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return respond(e.status(), ApiViews.error(e.code(), e.getMessage(), requestId), headers);
    }

    private static APIGatewayV2HTTPResponse respond(int status, ObjectNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body.toString()).withIsBase64Encoded(false).build();
    }
}
