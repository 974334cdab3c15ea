package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The functions, HTTP routes, EventBridge rules, schedules, SQS queues and event source mappings of
 * a built template, as sam_local_spec.py printed them.
 */
public record LocalSpec(Map<String, FunctionSpec> functions, List<HttpRoute> routes, List<Rule> rules,
                        List<Schedule> schedules, Map<String, Queue> queues,
                        List<EventSourceMapping> eventSourceMappings) {

    /** An SQS queue of the template, by its logical id; {@code deadLetterQueue} null when it has none. */
    public record Queue(String name, boolean fifo, int visibilityTimeoutSeconds, String deadLetterQueue,
                        int maxReceiveCount) {
    }

    /** An SQS event of a function: {@code queue}'s messages invoke it, {@code batchSize} at a time. */
    public record EventSourceMapping(String function, String event, String queue, int batchSize,
                                     int maximumConcurrency, boolean reportBatchItemFailures) {
    }

    /** An EventBridgeRule event of a function: events on {@code bus} matching {@code pattern} invoke it. */
    public record Rule(String function, String event, String bus, JsonNode pattern) {
    }

    /**
     * A schedule of a function: EventBridge Scheduler's (ScheduleV2), which sends {@code input} with
     * its context attributes filled in, or a legacy scheduled rule's ({@code input} null), which
     * sends EventBridge's Scheduled Event.
     */
    public record Schedule(String function, String event, String expression, String input) {
    }

    public static LocalSpec read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the local spec " + file + ": " + e.getMessage(), e);
        }
    }

    static LocalSpec parse(JsonNode root) {
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        root.path("functions").properties().forEach(entry -> {
            JsonNode f = entry.getValue();
            Map<String, String> environment = new TreeMap<>();
            f.path("environment").properties().forEach(v -> environment.put(v.getKey(), v.getValue().asText()));
            Set<String> templateVariables = new TreeSet<>();
            f.path("templateVariables").forEach(v -> templateVariables.add(v.asText()));
            functions.put(entry.getKey(), new FunctionSpec(entry.getKey(), f.path("handler").asText(),
                    f.path("runtime").asText(), f.path("memoryMb").asInt(128), f.path("timeoutSeconds").asInt(3),
                    Path.of(f.path("codeUri").asText()), templateVariables, environment));
        });
        List<HttpRoute> routes = new ArrayList<>();
        root.path("routes").forEach(r -> {
            List<String> scopes = new ArrayList<>();
            r.path("authorizationScopes").forEach(scope -> scopes.add(scope.asText()));
            routes.add(new HttpRoute(r.path("routeKey").asText(), r.path("function").asText(),
                    r.path("authorizationType").asText("NONE"), scopes, r.path("payloadFormatVersion").asText("2.0")));
        });
        List<Rule> rules = new ArrayList<>();
        root.path("rules").forEach(r -> rules.add(new Rule(r.path("function").asText(), r.path("event").asText(),
                r.path("bus").asText("default"), r.path("pattern"))));
        List<Schedule> schedules = new ArrayList<>();
        root.path("schedules").forEach(r -> schedules.add(new Schedule(r.path("function").asText(),
                r.path("event").asText(), r.path("schedule").asText(),
                r.path("input").isTextual() ? r.path("input").asText() : null)));
        Map<String, Queue> queues = new LinkedHashMap<>();
        root.path("queues").properties().forEach(entry -> {
            JsonNode q = entry.getValue();
            queues.put(entry.getKey(), new Queue(entry.getKey(), q.path("fifo").asBoolean(),
                    q.path("visibilityTimeoutSeconds").asInt(30),
                    q.path("deadLetterQueue").isTextual() ? q.path("deadLetterQueue").asText() : null,
                    q.path("maxReceiveCount").asInt(0)));
        });
        List<EventSourceMapping> mappings = new ArrayList<>();
        root.path("eventSourceMappings").forEach(m -> mappings.add(new EventSourceMapping(m.path("function").asText(),
                m.path("event").asText(), m.path("queue").asText(), m.path("batchSize").asInt(10),
                m.path("maximumConcurrency").asInt(2), m.path("reportBatchItemFailures").asBoolean())));
        return new LocalSpec(Map.copyOf(functions), List.copyOf(routes), List.copyOf(rules), List.copyOf(schedules),
                Map.copyOf(queues), List.copyOf(mappings));
    }

    public FunctionSpec function(String name) {
        FunctionSpec spec = functions.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no function " + name + " in the template; it has " + new TreeSet<>(functions.keySet()));
        }
        return spec;
    }
}
