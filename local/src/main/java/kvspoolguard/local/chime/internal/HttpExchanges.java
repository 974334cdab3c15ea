package kvspoolguard.local.chime.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small helpers over the JDK's HttpExchange shared by the API and admin front ends. */
public final class HttpExchanges {

    private HttpExchanges() {
    }

    public static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The body, or null when it is longer than {@code maxBytes} (the rest is then not read). */
    static String bodyUpTo(HttpExchange exchange, int maxBytes) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(maxBytes + 1);
        return bytes.length > maxBytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A URI's query: a '+' is itself, as AWS's REST services read it. */
    static Map<String, List<String>> query(String rawQuery) {
        return pairs(rawQuery, s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    /** A form-encoded body, as the query protocol sends it: a '+' is a space. */
    static Map<String, List<String>> form(String body) {
        return pairs(body, s -> URLDecoder.decode(s, StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> pairs(String rawQuery, UnaryOperator<String> decode) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode.apply(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode.apply(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** Sends a response; a null or empty body goes out with no content at all (as a 204 must). */
    public static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean empty = body == null || body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
