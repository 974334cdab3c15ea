package kvspoolguard.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import kvspoolguard.aws.AwsGuard;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.GuardedPools;
import kvspoolguard.core.RetentionChange;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.RunResult;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.lambda.Invocations;
import kvspoolguard.report.RunSummary;

/**
 * PoolApiFunction: the HTTP API of docs/openapi.yaml. Each route checks its input (nothing
 * invalid reaches AWS), calls the core and shapes the answer; every failure becomes the JSON error
 * of the contract, and only the log, never the caller, sees an upstream's detail or a stack trace.
 */
public final class PoolApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Built once per execution environment, during init: before the snapshot when SnapStart is on. */
    private static final class FromEnvironment {
        static final GuardConfig CONFIG = GuardConfig.fromEnvironment(System.getenv());
        static final RetentionGuard.Ports PORTS = AwsGuard.ports(CONFIG, Clock.systemUTC());
        static final RetentionGuard GUARD = new RetentionGuard(PORTS, CONFIG.maxConcurrency(), Clock.systemUTC());
        static final GuardedPools POOLS = new GuardedPools(PORTS, CONFIG.maxConcurrency(), Clock.systemUTC());
    }

    /** Seconds a throttled caller is asked to wait; the SDK has already retried with backoff. */
    static final int THROTTLED_RETRY_AFTER = 2;
    static final int UNAVAILABLE_RETRY_AFTER = 5;

    private final GuardConfig config;
    private final RetentionGuard guard;
    private final GuardedPools pools;
    private final ApiInput input;

    public PoolApiHandler() {
        this(FromEnvironment.CONFIG, FromEnvironment.GUARD, FromEnvironment.POOLS);
    }

    PoolApiHandler(GuardConfig config, RetentionGuard guard, GuardedPools pools) {
        this.config = config;
        this.guard = guard;
        this.pools = pools;
        this.input = new ApiInput(config.regions());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = requestId(event, context);
        LambdaLogger log = context.getLogger();
        try {
            Trigger request = new Trigger(Trigger.Kind.API, requestId, Invocations.timeLeft(context));
            return respond(200, route(event, request, log), Map.of());
        } catch (ApiException e) {
            return error(e, requestId);
        } catch (InvalidPolicyException e) {
            log.log(line(requestId, "policy invalid: " + e.getMessage()), LogLevel.ERROR);
            return error(ApiException.of(503, "POLICY_INVALID", "the retention policy in force is invalid, so no pool "
                    + "is judged or changed until it is fixed: " + e.getMessage()), requestId);
        } catch (PolicySourceException e) {
            log.log(line(requestId, "policy unreadable: " + e.getMessage()), LogLevel.ERROR);
            return error(ApiException.unavailable("POLICY_UNAVAILABLE", "the retention policy could not be read; "
                    + "try again later", UNAVAILABLE_RETRY_AFTER), requestId);
        } catch (PoolDirectoryException e) {
            log.log(line(requestId, "pool directory: " + e.kind() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())), LogLevel.WARN);
            return error(UpstreamFaults.of(e, identifier(event)), requestId);
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.log(line(requestId, "unexpected error: " + trace), LogLevel.ERROR); // the log's, not the caller's
            return error(ApiException.of(500, "INTERNAL_ERROR", "an internal error occurred; quote the requestId "
                    + "when reporting it"), requestId);
        }
    }

    private ObjectNode route(APIGatewayV2HTTPEvent event, Trigger request, LambdaLogger log) {
        String routeKey = event.getRouteKey() == null ? "" : event.getRouteKey();
        return switch (routeKey) {
            case "GET /pools" -> listPools(event);
            case "GET /pools/{identifier}" -> ApiViews.judged(pools.inspect(input.pool(identifier(event), "identifier")));
            case "PUT /pools/{identifier}/retention" -> changeRetention(event, request, log);
            case "POST /enforcements" -> runEnforcement(event, request, log);
            case "GET /policy" -> ApiViews.policy(pools.policy());
            default -> throw ApiException.of(404, "ROUTE_NOT_FOUND", "no route " + routeKey);
        };
    }

    private ObjectNode listPools(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        String token = ApiInput.nextToken(query);
        int limit = ApiInput.limit(query);
        GuardedPools.Listing listing;
        try {
            listing = pools.page(token, limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        } catch (PoolDirectoryException e) {
            if (e.kind() == PoolDirectoryException.Kind.INVALID_REQUEST && token != null) {
                throw ApiException.invalid("nextToken was not accepted; list again from the first page");
            }
            throw e;
        }
        ObjectNode body = ApiViews.JSON.createObjectNode();
        var items = body.putArray("pools");
        listing.pools().forEach(p -> items.add(ApiViews.judged(p)));
        body.put("nextToken", listing.nextToken());
        body.set("policy", ApiViews.policyRef(listing.policy()));
        return body;
    }

    private ObjectNode changeRetention(APIGatewayV2HTTPEvent event, Trigger trigger, LambdaLogger log) {
        String requestId = trigger.id();
        var pool = input.pool(identifier(event), "identifier");
        int hours = ApiInput.retentionHours(event.getBody(), event.getIsBase64Encoded());
        var caller = Callers.of(event);
        RetentionChange change = pools.changeRetention(pool, hours, caller, trigger);
        return switch (change) {
            case RetentionChange.Changed c -> {
                logUndone(c.run(), log);
                log.log(line(requestId, "retention of " + c.pool().pool().arn() + " set to " + hours + " by "
                        + caller.principal()), LogLevel.INFO);
                yield ApiViews.judged(c.pool()).put("changed", true);
            }
            case RetentionChange.Unchanged u -> {
                logUndone(u.run(), log);
                yield ApiViews.judged(u.pool()).put("changed", false);
            }
            case RetentionChange.Refused r -> throw r.reason() == RetentionChange.Refused.Reason.OUTSIDE_POLICY
                    ? ApiException.of(422, "OUTSIDE_POLICY", r.message())
                    : ApiException.of(409, "POOL_NOT_ACTIVE", r.message());
            case RetentionChange.Failed f -> {
                logUndone(f.run(), log);
                throw f.failure();
            }
        };
    }

    private ObjectNode runEnforcement(APIGatewayV2HTTPEvent event, Trigger trigger, LambdaLogger log) {
        String requestId = trigger.id();
        ApiInput.EnforcementRequest request = input.enforcement(event.getBody(), event.getIsBase64Encoded());
        var options = config.runOptions(requestId, request.dryRun());
        RunResult result = request.pools() == null ? guard.sweep(trigger, options)
                : guard.enforce(request.pools(), trigger, options);
        logUndone(result, log);
        ObjectNode summary = RunSummary.of(result);
        log.log(summary.toString(), result.worthRetrying() ? LogLevel.ERROR : LogLevel.INFO);
        if (result.policyProblem() != null) {
            throw result.policyProblem().invalid()
                    ? new InvalidPolicyException(result.policyProblem().message())
                    : new PolicySourceException(result.policyProblem().message(), null);
        }
        // the store's errors are the log's; the caller learns how many pools were left unrecorded
        summary.remove("stateErrors");
        summary.put("stateNotRecorded", result.stateErrors().size());
        return summary;
    }

    /** Events the bus refused are logged whole, one record each, so that none is lost. */
    private static void logUndone(RunResult run, LambdaLogger log) {
        run.unpublished().forEach(e -> log.log(RunSummary.unpublished(e).toString(), LogLevel.ERROR));
        run.stateErrors().forEach(e -> log.log(line(run.trigger().id(), "state not recorded: " + e), LogLevel.ERROR));
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

    private static String line(String requestId, String message) {
        ObjectNode node = ApiViews.JSON.createObjectNode();
        node.put("requestId", requestId);
        node.put("message", message);
        return node.toString();
    }
}
