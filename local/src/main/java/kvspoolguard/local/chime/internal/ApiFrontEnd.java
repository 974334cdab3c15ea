package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RecordedRequest;

/**
 * The AWS side of the emulator. Each request goes through what the service's front end does, in
 * its order: signature, caller, route, rate limit, injected faults, input validation, then the
 * operation. The request's signing name picks the API: Chime's pool operations or Kinesis Video
 * Streams' stream operations, each with its own model, errors and rate limits; a request signed for
 * STS goes to {@link StsApi} instead. Every request is recorded before it is answered, so a client
 * that has its answer sees it in the counters.
 */
public final class ApiFrontEnd implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiFrontEnd.class.getName());

    /** Everything the front end consults, wired once by the emulator. */
    public record Parts(Api chime, Api kinesisVideo, FaultPlan faults, Identities identities, StsApi sts,
                        Journal journal, Clock clock) {
    }

    /** One API: its model's routes and input checks, its handlers, its rate limits and the error they answer. */
    public record Api(ServiceModel model, Map<Operation, PoolApi.Handler> handlers, RateLimiter rateLimiter,
                      ErrorType throttled, ErrorType invalid) {

        RouteTable routes() {
            return new RouteTable(model);
        }
    }

    /** An API with its route table and input checks built once. */
    private record Served(Api api, RouteTable routes, InputReader reader, InputValidator validator) {
        static Served of(Api api) {
            return new Served(api, api.routes(), new InputReader(api.model(), api.invalid()),
                    new InputValidator(api.model(), api.invalid()));
        }
    }

    /** A route found in one of the APIs. */
    private record Routed(Served served, RouteTable.Match match) {
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** Request bodies of this API are small; a larger one is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** A request as read; {@code body} is null when it was above {@link #MAX_BODY_BYTES}. */
    private record Incoming(String method, String rawPath, String rawQuery, Map<String, List<String>> query,
                            Map<String, List<String>> headers, String body) {
        static Incoming of(HttpExchange exchange) throws IOException {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            return new Incoming(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), rawQuery,
                    HttpExchanges.query(rawQuery), new HashMap<>(exchange.getRequestHeaders()),
                    HttpExchanges.bodyUpTo(exchange, MAX_BODY_BYTES));
        }
    }

    private final Parts parts;
    private final List<Served> apis;

    public ApiFrontEnd(Parts parts) {
        this.parts = parts;
        this.apis = List.of(Served.of(parts.chime()), Served.of(parts.kinesisVideo()));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = parts.clock().instant();
            Incoming in = Incoming.of(exchange);
            String requestId = UUID.randomUUID().toString();
            Optional<Routed> routed = route(in);
            Operation operation = routed.map(r -> Operation.fromName(r.match().operation().name())).orElse(null);
            String region = null;
            String account = null;
            Answer answer;
            try {
                if (in.body() == null) {
                    throw ApiException.unmodelled(413, "RequestEntityTooLargeException", "Request body too large.");
                }
                Signature.Signed signed = Signature.read(exchange.getRequestHeaders().getFirst("Authorization"));
                region = signed.region();
                String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
                if (signed.sts()) {
                    StsApi.Reply reply = parts.sts().serve(signed.accessKeyId(), token,
                            HttpExchanges.form(in.body()), requestId);
                    operation = reply.operation();
                    account = reply.accountId();
                    answer = xml(reply);
                } else {
                    account = parts.identities().identify(signed.accessKeyId(), token).accountId();
                    Routed route = routed.filter(r -> (r.served().api() == parts.kinesisVideo()) == signed.kinesisVideo())
                            .orElseThrow(() -> ApiException.unmodelled(404, "UnknownOperationException",
                                    "No operation of this API matches the request."));
                    answer = serve(route, operation, new AccountRegion(account, region), in);
                }
            } catch (ApiException e) {
                answer = error(e, requestId);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "emulator bug serving " + in.method() + " " + in.rawPath(), e);
                answer = error(ApiException.of(ErrorType.SERVICE_FAILURE, "Internal error."), requestId);
            }
            answer.headers().put("x-amzn-RequestId", requestId);
            parts.journal().record(new RecordedRequest(parts.journal().nextSequence(), receivedAt, in.method(),
                    in.rawPath(), in.rawQuery(), in.headers(), in.body(), operation, region, account,
                    answer.status()));
            HttpExchanges.send(exchange, answer.status(), answer.headers(), answer.body());
        }
    }

    private Optional<Routed> route(Incoming in) {
        for (Served served : apis) {
            Optional<RouteTable.Match> match = served.routes().match(in.method(), in.rawPath(), in.query());
            if (match.isPresent()) {
                return Optional.of(new Routed(served, match.get()));
            }
        }
        return Optional.empty();
    }

    private Answer serve(Routed routed, Operation operation, AccountRegion where, Incoming in) {
        Served served = routed.served();
        RouteTable.Match route = routed.match();
        if (!served.api().rateLimiter().tryAcquire(where, operation)) {
            throw ApiException.of(served.api().throttled(), "Rate exceeded");
        }
        FaultPlan.Decision decision = parts.faults().decide(operation, where.region());
        pause(decision);
        if (decision.error() != null) {
            // an injected throttle is answered as this API throttles: Kinesis Video Streams' ClientLimitExceeded
            ErrorType error = decision.error() == ErrorType.THROTTLED_CLIENT ? served.api().throttled() : decision.error();
            throw ApiException.of(error, "Injected fault: " + error.shapeName() + ".");
        }
        ObjectNode input = served.reader().read(route, in.query(), in.headers(), in.body());
        served.validator().validate(route.operation().inputShape(), input);
        ObjectNode output = served.api().handlers().get(operation).handle(where, input);
        Map<String, String> out = new HashMap<>();
        out.put("Content-Type", "application/json");
        return new Answer(route.operation().successCode(), out, output == null ? null : bytes(output));
    }

    private static Answer xml(StsApi.Reply reply) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "text/xml");
        return new Answer(reply.status(), headers, reply.xml().getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(FaultPlan.Decision decision) {
        if (decision.delay().isPositive()) {
            try {
                Thread.sleep(decision.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Answer error(ApiException e, String requestId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (e.modelled() == null) {
            body.put("message", e.getMessage());
        } else {
            e.modelled().code().ifPresent(code -> body.put("Code", code));
            body.put("Message", e.getMessage()).put("RequestId", requestId);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", e.typeName());
        return new Answer(e.status(), headers, bytes(body));
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
