package kvspoolguard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.HttpApiGateway;
import kvspoolguard.local.lambda.LocalFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * GET /compliance over a fleet whose table also keeps each pool's history (a few events each, as
 * sweeps and drifts leave): the read units one answer takes through the index of pools' records,
 * beside those a Scan of the whole table takes (how the answer was read before the index), and its
 * latency, client to client, through the Pool API function under RIE. moto reports no consumed
 * capacity, so read units are DynamoDB's rule applied to what each Scan page returned: its items'
 * sizes summed, rounded up to 4 KB, halved for an eventually consistent read.
 */
final class ComplianceBench {

    /** History items kept beside each pool's record. */
    static final int HISTORY_PER_POOL = 2;

    private final BenchStack stack;
    private final SampleEvents events;

    ComplianceBench(BenchStack stack, SampleEvents events) {
        this.stack = stack;
        this.events = events;
    }

    /**
     * Read units of the index and of a whole-table Scan; the seconds of each, read side by side with
     * the SDK (alternating, {@code requests} times each); the answer's latency through the function.
     */
    record Measured(int pools, double indexReadUnits, double tableReadUnits, long tableItems, List<Double> indexMs,
                    List<Double> tableMs, List<Double> latencyMs) {
    }

    Measured run(int pools, int requests) {
        stack.chime.reset();
        List<StateSeed.Recorded> fleet = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            String name = "cmp-%05d".formatted(i);
            fleet.add(new StateSeed.Recorded(stack.chime.poolArn(LocalAwsServices.REGION, name), name,
                    LocalAwsServices.REGION, Fleet.COMPLIANT_HOURS));
        }
        stack.chime.seed(EmulatedPool.active(fleet.getFirst().name(), Fleet.COMPLIANT_HOURS));
        Map<String, String> resources = stack.freshResources();
        String table = resources.get("STATE_TABLE_NAME");
        stack.note("compliance over " + pools + " pools");
        try (LocalFunction enforcer = stack.function(BenchStack.ENFORCER, resources, Map.of());
             LocalFunction api = stack.function(BenchStack.POOL_API, resources, Map.of());
             HttpApiGateway gateway = HttpApiGateway.start(stack.spec.routes(), name -> api, 0,
                     HttpApiGateway.Caller.DEFAULT);
             HttpClient client = HttpClient.newHttpClient()) {
            seed(enforcer, table, fleet);
            URI uri = gateway.endpoint().resolve("/compliance");
            get(client, uri, pools); // warm
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(client, uri, pools);
                ms.add((System.nanoTime() - start) / 1e6);
            }
            long[] tableItems = new long[1];
            ScanRequest whole = ScanRequest.builder().tableName(table).build();
            ScanRequest index = ScanRequest.builder().tableName(table).indexName("pools").build();
            double tableUnits = readUnits(whole, tableItems);
            double indexUnits = readUnits(index, null);
            List<Double> indexMs = new ArrayList<>();
            List<Double> tableMs = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                indexMs.add(timed(index));
                tableMs.add(timed(whole));
            }
            return new Measured(pools, indexUnits, tableUnits, tableItems[0], indexMs, tableMs, ms);
        }
    }

    /** The guard records the first pool; every other record, and every pool's history, is a copy. */
    private void seed(LocalFunction enforcer, String table, List<StateSeed.Recorded> fleet) {
        StateSeed.Recorded first = fleet.getFirst();
        LocalFunction.Invocation seen = enforcer.invoke(events.poolUpdated(first.arn()));
        if (seen.failed()) {
            throw new IllegalStateException("the enforcer failed recording " + first.arn() + ": " + seen.payloadText());
        }
        Map<String, AttributeValue> original = stack.aws.dynamoDbClient.getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("pool#" + first.arn())))).item();
        List<Map<String, AttributeValue>> history = stack.aws.dynamoDbClient.scan(r -> r.tableName(table)
                .filterExpression("begins_with(pk, :h)").expressionAttributeValues(Map.of(":h",
                        AttributeValue.fromS("history#")))).items();
        if (original == null || original.isEmpty() || history.isEmpty()) {
            throw new IllegalStateException("the enforcer left no record or no history of " + first.arn());
        }
        StateSeed.write(stack.aws.dynamoDbClient, table, original, first, fleet.subList(1, fleet.size()));
        List<Map<String, AttributeValue>> copies = new ArrayList<>();
        for (StateSeed.Recorded pool : fleet) {
            for (int i = 0; i < HISTORY_PER_POOL; i++) {
                copies.add(renamed(history.getFirst(), first.name(), pool.name(), i));
            }
        }
        StateSeed.writeItems(stack.aws.dynamoDbClient, table, copies);
    }

    /** The {@code n}th copy of a history item of the pool {@code from}, as one of the pool {@code to}. */
    private static Map<String, AttributeValue> renamed(Map<String, AttributeValue> item, String from, String to, int n) {
        Map<String, AttributeValue> copy = new HashMap<>();
        item.forEach((name, value) -> copy.put(name, value.s() == null ? value
                : AttributeValue.fromS(value.s().replace(from, to) + (name.equals("pk") ? "-" + n : ""))));
        return copy;
    }

    private static void get(HttpClient client, URI uri, int pools) {
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (answer.statusCode() != 200 || !answer.body().contains("\"pools\":" + pools)) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
    }

    /** The milliseconds a whole Scan takes, every page read. */
    private double timed(ScanRequest scan) {
        long start = System.nanoTime();
        stack.aws.dynamoDbClient.scanPaginator(scan).items().forEach(item -> { });
        return (System.nanoTime() - start) / 1e6;
    }

    /** The read units of a whole Scan, page by page, as DynamoDB counts them; {@code items} gets the items read. */
    private double readUnits(ScanRequest scan, long[] items) {
        double units = 0;
        for (ScanResponse page : stack.aws.dynamoDbClient.scanPaginator(scan)) {
            long bytes = page.items().stream().mapToLong(ComplianceBench::size).sum();
            units += Math.ceil(bytes / 4096.0) * 0.5;
            if (items != null) {
                items[0] += page.count();
            }
        }
        return units;
    }

    /** An item's size as DynamoDB counts it: each attribute's name and value. */
    static long size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                + size(e.getValue())).sum();
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().replaceAll("[^0-9]", "").length() / 2 + 1;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + value.m().entrySet().stream().mapToLong(e -> 1 + e.getKey().length() + size(e.getValue())).sum();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(v -> 1 + size(v)).sum();
        }
        return value.toString().length();
    }
}
