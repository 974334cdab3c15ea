package kvspoolguard.local.chime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.internal.HttpExchanges;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.chime.model.RoleTrust;

/**
 * The admin interface under {@code /_emulator/}, outside every AWS path and unsigned: the same
 * controls as the Java API of {@link ChimePoolEmulator}, for tools in other languages and shells.
 */
public final class AdminFrontEnd implements HttpHandler {

    public static final String PREFIX = "/_emulator/";

    private final ChimePoolEmulator emulator;

    public AdminFrontEnd(ChimePoolEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = HttpExchanges.body(exchange);
            int status = 200;
            Object answer;
            try {
                answer = dispatch(route, body);
                if (answer == null) {
                    status = 204;
                }
            } catch (IllegalArgumentException | JsonProcessingException e) {
                status = 400;
                answer = Map.of("error", e.getMessage());
            } catch (UnsupportedOperationException e) {
                status = 404;
                answer = Map.of("error", e.getMessage());
            }
            byte[] bytes = answer == null ? null : Json.MAPPER.writeValueAsBytes(answer);
            HttpExchanges.send(exchange, status, Map.of("Content-Type", "application/json"), bytes);
        }
    }

    private Object dispatch(String route, String body) throws JsonProcessingException {
        return switch (route) {
            case "GET health" -> Map.of("status", "ok", "endpoint", emulator.endpoint().toString());
            case "POST reset" -> {
                emulator.reset();
                yield null;
            }
            case "GET pools" -> emulator.pools();
            case "POST pools" -> Seeds.apply(emulator, Json.MAPPER.readTree(body));
            case "GET streams" -> emulator.streams();
            case "GET stream-changes" -> emulator.streamChanges();
            case "POST streams/retention" -> {
                var doc = Json.MAPPER.readValue(body, AdminDocuments.StreamRetentionDoc.class);
                yield emulator.replaceStream(doc.accountId(), doc.region(), doc.requireStreamName(),
                        s -> s.withRetention(doc.requireHours()));
            }
            case "POST streams/miss-next-propagation" -> {
                var doc = Json.MAPPER.readValue(body, AdminDocuments.StreamArnDoc.class);
                emulator.missNextPropagation(doc.requireStreamArn());
                yield null;
            }
            case "POST pools/grow" -> {
                var doc = Json.MAPPER.readValue(body, AdminDocuments.GrowDoc.class);
                yield emulator.growPool(doc.accountId(), doc.region(), doc.requirePoolName(), doc.count());
            }
            case "GET faults" -> faults();
            case "PUT faults" -> {
                var doc = Json.MAPPER.readValue(body, AdminDocuments.FaultsDoc.class);
                List<FaultRule> rules = doc.rules().stream().map(AdminDocuments.RuleDoc::toRule).toList();
                List<RateLimit> limits = doc.rateLimits().stream().map(AdminDocuments.RateLimitDoc::toLimit).toList();
                emulator.replaceFaults(rules, limits, doc.seed() == null ? 0L : doc.seed());
                yield faults();
            }
            case "DELETE faults" -> {
                emulator.clearFaults();
                yield null;
            }
            case "GET counters" -> counters();
            case "DELETE counters" -> {
                emulator.clearJournal();
                yield null;
            }
            case "GET requests" -> emulator.requests();
            case "GET roles" -> emulator.roleTrusts();
            case "PUT roles" -> {
                RoleTrust[] trusts = Json.MAPPER.readValue(body, RoleTrust[].class);
                if (trusts == null) {
                    throw new IllegalArgumentException("expected an array of role trusts");
                }
                emulator.trustRoles(trusts);
                yield emulator.roleTrusts();
            }
            case "GET settings" -> settings();
            case "PUT settings" -> {
                var doc = Json.MAPPER.readValue(body, AdminDocuments.SettingsDoc.class);
                if (doc.transitionDelayMillis() != null) {
                    emulator.transitionDelay(Duration.ofMillis(doc.transitionDelayMillis()));
                }
                if (doc.maxPoolsPerRegion() != null) {
                    emulator.maxPoolsPerRegion(doc.maxPoolsPerRegion());
                }
                if (doc.streamsPerPool() != null) {
                    emulator.streamsPerPool(doc.streamsPerPool());
                }
                if (doc.streamQuotas() != null) {
                    emulator.streamQuotas(doc.streamQuotas());
                }
                yield settings();
            }
            default -> throw new UnsupportedOperationException("no admin route " + route);
        };
    }

    private Map<String, Object> faults() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rules", emulator.faultRules().stream().map(AdminDocuments.RuleDoc::of).toList());
        doc.put("rateLimits", emulator.rateLimits().stream().map(AdminDocuments.RateLimitDoc::of).toList());
        return doc;
    }

    private AdminDocuments.SettingsDoc settings() {
        return new AdminDocuments.SettingsDoc(emulator.transitionDelay().toMillis(), emulator.maxPoolsPerRegion(),
                emulator.streamsPerPool(), emulator.streamQuotas());
    }

    private Map<String, AdminDocuments.CountDoc> counters() {
        Map<String, AdminDocuments.CountDoc> doc = new LinkedHashMap<>();
        emulator.counters().forEach((op, count) -> doc.put(op.modelName(), AdminDocuments.CountDoc.of(count)));
        return doc;
    }
}
