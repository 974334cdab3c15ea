package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The template's HTTP API on 127.0.0.1, as {@code sam local start-api} serves it: each request
 * becomes an API Gateway payload 2.0 event for the route's function, and the function's answer
 * becomes the HTTP response, with API Gateway's own answers where it would give them (404 for no
 * route, 500 when the function fails, 503 when it times out).
 *
 * <p>A route with AWS_IAM gets the IAM authoriser context API Gateway would add for
 * {@code principalArn} (no signature is checked). A JWT route takes a bearer token as API Gateway's
 * JWT authoriser does: none, 401; none of the route's scopes, 403, before the function runs; its
 * claims and scopes in the context otherwise (the token's signature is not checked, see
 * {@link BearerToken}).
 */
public final class HttpApiGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpRoute> routes;
    private final Function<String, LocalFunction> functions;
    private final Caller caller;

    private HttpApiGateway(HttpServer server, List<HttpRoute> routes, Function<String, LocalFunction> functions,
                           Caller caller) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
        this.caller = caller;
    }

    /**
     * @param functions the warm runtime of each function, by logical id (asked once per request)
     * @param port 0 for any free port
     */
    public static HttpApiGateway start(List<HttpRoute> routes, Function<String, LocalFunction> functions, int port,
                                       Caller caller) {
        return start(routes, functions, port, caller, Map.of());
    }

    /** As above, with {@code extra} handlers on paths outside the API's (a local stack's controls). */
    public static HttpApiGateway start(List<HttpRoute> routes, Function<String, LocalFunction> functions, int port,
                                       Caller caller, Map<String, com.sun.net.httpserver.HttpHandler> extra) {
        for (HttpRoute route : routes) {
            if (!"2.0".equals(route.payloadFormatVersion())) {
                throw new IllegalArgumentException(route.routeKey() + ": payload format " + route.payloadFormatVersion()
                        + " is not served locally (2.0 only)");
            }
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            HttpApiGateway gateway = new HttpApiGateway(server, List.copyOf(routes), functions, caller);
            server.createContext("/", gateway::handle);
            extra.forEach(server::createContext);
            server.setExecutor(gateway.executor);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve the API on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            for (HttpRoute route : routes) {
                Optional<Map<String, String>> parameters = route.match(method, rawPath);
                if (parameters.isPresent()) {
                    forward(exchange, route, parameters.get());
                    return;
                }
            }
            send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            System.err.println("api: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
            send(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void forward(HttpExchange exchange, HttpRoute route, Map<String, String> rawParameters) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Optional<BearerToken> token = Optional.empty();
        if (route.authorizationType().equals("JWT")) {
            token = BearerToken.of(exchange.getRequestHeaders().getFirst("Authorization"));
            if (token.isEmpty()) {
                send(exchange, 401, Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer"),
                        "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!token.get().grants(route.authorizationScopes())) {
                send(exchange, 403, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ObjectNode event = event(exchange, route, rawParameters, body, token);
        LocalFunction.Invocation invocation = functions.apply(route.function()).invoke(JSON.writeValueAsBytes(event));
        if (invocation.failed()) {
            boolean timedOut = "Sandbox.Timedout".equals(invocation.errorType());
            send(exchange, timedOut ? 503 : 500, Map.of("Content-Type", "application/json"),
                    (timedOut ? "{\"message\":\"Service Unavailable\"}" : "{\"message\":\"Internal Server Error\"}")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(exchange, invocation.payload());
    }

    ObjectNode event(HttpExchange exchange, HttpRoute route, Map<String, String> rawParameters, byte[] body,
                     Optional<BearerToken> token) {
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                var cookies = event.withArray("cookies");
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.put(key, String.join(",", values));
            }
        });
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!rawParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            rawParameters.forEach((k, v) -> p.put(k, URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8)));
        }
        event.set("requestContext", requestContext(exchange, route, token));
        if (body.length > 0) {
            boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private ObjectNode requestContext(HttpExchange exchange, HttpRoute route, Optional<BearerToken> token) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ObjectNode context = JSON.createObjectNode();
        context.put("accountId", caller.accountId());
        context.put("apiId", "local");
        switch (route.authorizationType()) {
            case "AWS_IAM" -> {
                ObjectNode iam = context.putObject("authorizer").putObject("iam");
                iam.put("accessKey", "ASIALOCALACCESSKEY00");
                iam.put("accountId", caller.accountId());
                iam.put("callerId", caller.userId());
                iam.putNull("cognitoIdentity");
                iam.putNull("principalOrgId");
                iam.put("userArn", caller.principalArn());
                iam.put("userId", caller.userId());
            }
            case "JWT" -> {
                ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
                ObjectNode claims = jwt.putObject("claims");
                token.orElseThrow().claims().forEach(claims::put);
                var scopes = jwt.putArray("scopes");
                token.orElseThrow().scopes().forEach(scopes::add);
            }
            default -> { }
        }
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse(endpoint().getAuthority());
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        return context;
    }

    /** Payload 2.0's response: either a {statusCode, headers, body, ...} document or any JSON value as a 200 body. */
    private static void respond(HttpExchange exchange, byte[] payload) throws IOException {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            send(exchange, 200, Map.of("Content-Type", "application/json"), payload);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        answer.path("cookies").forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.asText()));
        String body = answer.path("body").isNull() ? "" : answer.path("body").asText("");
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, answer.path("statusCode").asInt(500), headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            // API Gateway joins repeated parameters with commas
            result.merge(name, value, (a, b) -> a + "," + b);
        }
        return result;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded");
    }

    /** Who the local API says is calling: an IAM principal in the emulated account. */
    public record Caller(String principalArn) {
        public static final Caller DEFAULT =
                new Caller("arn:aws:sts::123456789012:assumed-role/local-developer/make-api");

        public String accountId() {
            String[] parts = principalArn.split(":");
            return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "123456789012";
        }

        String userId() {
            return "AROALOCALDEVELOPER00:" + principalArn.substring(principalArn.lastIndexOf('/') + 1);
        }
    }
}
