package kvspoolguard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.HttpApiGateway;
import kvspoolguard.local.lambda.HttpRoute;
import kvspoolguard.local.lambda.LocalFunction;

/**
 * Warm latency of GET /pools/{identifier}, client to client, through the server `make api` runs:
 * the Pool API function on the template's routes, and the minimal baseline on the same route.
 * Requests are one at a time (one execution environment each), in alternating blocks. They come
 * faster than the default ChimeRequestsPerSecond allows, so the function's pacing is off here, as
 * for an API without a limit: this measures latency, not the pacing.
 */
final class ApiLatencyBench {

    static final String POOL = "api-pool";
    private static final int WARMUP = 50;
    private static final int BLOCK = 50;

    private final BenchStack stack;

    ApiLatencyBench(BenchStack stack) {
        this.stack = stack;
    }

    record Latencies(List<Double> poolApiMs, List<Double> baselineMs) {
    }

    Latencies run(int requests) {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active(POOL, Fleet.COMPLIANT_HOURS));
        Map<String, String> resources = stack.freshResources();
        stack.note("api latency");
        try (LocalFunction api = stack.function(BenchStack.POOL_API, resources, Map.of("CHIME_REQUESTS_PER_SECOND", "0"));
             LocalFunction baseline = stack.baseline("kvspoolguard.baseline.MinimalHandler", resources, Map.of());
             HttpApiGateway ours = HttpApiGateway.start(stack.spec.routes(), name -> api, 0, HttpApiGateway.Caller.DEFAULT);
             HttpApiGateway floor = HttpApiGateway.start(List.of(new HttpRoute("GET /pools/{identifier}",
                     baseline.name(), "AWS_IAM", "2.0")), name -> baseline, 0, HttpApiGateway.Caller.DEFAULT);
             HttpClient client = HttpClient.newHttpClient()) {
            URI oursUri = ours.endpoint().resolve("/pools/" + POOL);
            URI floorUri = floor.endpoint().resolve("/pools/" + POOL);
            time(client, oursUri, WARMUP);
            time(client, floorUri, WARMUP);
            List<Double> poolApi = new ArrayList<>();
            List<Double> base = new ArrayList<>();
            while (poolApi.size() < requests) {
                poolApi.addAll(time(client, oursUri, BLOCK));
                base.addAll(time(client, floorUri, BLOCK));
            }
            return new Latencies(poolApi, base);
        }
    }

    private static List<Double> time(HttpClient client, URI uri, int count) {
        List<Double> ms = new ArrayList<>(count);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            ms.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return ms;
    }
}
