package kvspoolguard.local.chime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.Json;

/**
 * A published API model (a copy of AWS's service model, kept as a resource): that of the KVS pool
 * operations of Chime SDK Media Pipelines, or that of the Kinesis Video Streams stream operations.
 * Routes, input bindings and every input constraint are read from it, so the emulator cannot drift
 * from the contract the SDKs are generated from.
 */
public final class ServiceModel {

    private static final String CHIME = "/kvspoolguard/local/chime/service-model.json";
    private static final String KVS = "/kvspoolguard/local/chime/kvs-service-model.json";

    /** One operation's HTTP binding: {@code requestUri} split into its path template and literal query. */
    public record OperationModel(String name, String method, List<String> pathSegments,
                                 Map<String, String> literalQuery, int successCode, String inputShape) {
    }

    private final JsonNode shapes;
    private final List<OperationModel> operations;

    private ServiceModel(JsonNode root) {
        this.shapes = root.path("shapes");
        this.operations = root.path("operations").properties().stream()
                .map(e -> operation(e.getKey(), e.getValue()))
                .toList();
    }

    /** The Chime SDK Media Pipelines model (its KVS pool operations). */
    public static ServiceModel load() {
        return load(CHIME);
    }

    /** The Kinesis Video Streams model (the stream operations). */
    public static ServiceModel kinesisVideo() {
        return load(KVS);
    }

    private static ServiceModel load(String resource) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("service model missing from the classpath: " + resource);
            }
            return new ServiceModel(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service model", e);
        }
    }

    public List<OperationModel> operations() {
        return operations;
    }

    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("service model has no shape " + name);
        }
        return shape;
    }

    private static OperationModel operation(String name, JsonNode node) {
        JsonNode http = node.path("http");
        String uri = http.path("requestUri").asText();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Map<String, String> literalQuery = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                literalQuery.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/")));
        return new OperationModel(name, http.path("method").asText(), List.copyOf(segments),
                Map.copyOf(literalQuery), http.path("responseCode").asInt(200),
                node.path("input").path("shape").asText(null));
    }
}
