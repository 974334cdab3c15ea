package kvspoolguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.Operation;

/**
 * The figures of one benchmark run, as bench/results.json holds them: the headline keys at the top
 * level (each beside its target in {@code targets}), the details under their own keys.
 */
final class Results {

    static final List<Target> TARGETS = List.of(
            new Target("calls_ratio", "API calls of a sweep ÷ fewest possible (worst of 100, 1,000, 10,000 pools)", 1.00, true),
            new Target("stream_calls_ratio", "stream calls of a 1,000-pool sweep (4 streams each, 5% drifted) ÷ fewest "
                    + "possible", 1.00, true),
            new Target("sweep_limit_ratio", "1,000-pool sweep with its streams at 50 req/s (streams at their own pace) ÷ "
                    + "the limits' floor", 1.05, true),
            Target.shown("speedup_vs_naive", "naive sequential sweep ÷ ours (1,000 pools, 25 ms per call; ours also "
                    + "governs their streams)",
                    "a paced, CPU-bound sweep against a latency-bound loop on shared cores follows the machine; "
                    + "sweep_limit_ratio is the figure against the floor"),
            new Target("cold_start_ratio", "enforcer first response ÷ minimal handler's (cold)", 1.25, true),
            new Target("package_mb", "deployment artifact, zipped (MiB)", 15, true),
            Target.shown("primed_first_invoke_ratio", "enforcer's first invocation primed (PRIME_IN_INIT) ÷ unprimed "
                    + "(Duration, cold)", "what a restored SnapStart function pays; RIE cannot restore"),
            new Target("peak_heap_mb_10k", "peak heap of a 10,000-pool sweep (MiB)", 256, true),
            new Target("compliance_read_units_ratio", "GET /compliance's read units (10,000 pools, their history "
                    + "beside them) ÷ a Scan of the whole table's", 0.5, true),
            new Target("compliance_read_time_ratio", "its read of the index ÷ a Scan of the whole table, side by side "
                    + "(medians)", 0.5, true),
            new Target("org_sweep_ratio", "organisation sweep (10 accounts × 4 regions × 250 pools with their streams, "
                    + "25 ms per call, 25 req/s per shard, 4 shards at a time) ÷ the sharded floor", 1.2, true),
            new Target("org_calls_ratio", "its calls, to pools and streams, ÷ fewest possible (+ one AssumeRole per "
                    + "member shard invocation)",
                    1.00, true));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final ObjectNode root = JSON.createObjectNode();
    private final Map<String, Double> headline = new LinkedHashMap<>();

    Results(String machine, String startedAt) {
        root.put("generated_at", startedAt);
        root.put("machine", machine);
    }

    /** GET /compliance's figures: read units through the index and of a whole-table Scan, latencies. */
    void compliance(ComplianceBench.Measured measured) {
        ObjectNode node = root.putObject("compliance");
        node.put("pools", measured.pools());
        node.put("history_items_per_pool", ComplianceBench.HISTORY_PER_POOL);
        node.put("index_read_units", measured.indexReadUnits());
        node.put("table_scan_read_units", measured.tableReadUnits());
        node.put("table_items", measured.tableItems());
        samples("compliance_ms", measured.latencyMs());
        samples("compliance_index_read_ms", measured.indexMs());
        samples("compliance_table_scan_ms", measured.tableMs());
    }

    void headline(String key, double value) {
        headline.put(key, value);
        root.put(key, Stats.round(value, 3));
    }

    Map<String, Double> headline() {
        return headline;
    }

    void calls(List<SweepBench.Calls> runs) {
        ArrayNode array = root.putArray("calls");
        for (SweepBench.Calls run : runs) {
            ObjectNode node = array.addObject();
            node.put("pools", run.pools());
            node.put("non_compliant", run.nonCompliant());
            node.put("policy_needs_tags", run.tags());
            node.put("calls", run.total(run.made()));
            node.put("minimum", run.total(run.minimum()));
            node.put("ratio", Stats.round(run.ratio(), 3));
            node.put("sweep_seconds", Stats.round(run.seconds(), 2));
            node.put("max_memory_used_mb", run.maxMemoryMb());
            ObjectNode ops = node.putObject("by_operation");
            for (Operation op : run.minimum().keySet()) {
                ObjectNode o = ops.putObject(op.modelName());
                o.put("calls", run.made().get(op));
                o.put("minimum", run.minimum().get(op));
                o.put("ratio", Stats.round(run.ratio(op), 3));
            }
        }
    }

    /** A sweep's stream calls against the fewest possible. */
    void streams(SweepBench.StreamCalls run) {
        ObjectNode node = root.putObject("stream_calls");
        node.put("pools", run.pools());
        node.put("streams", run.streams());
        node.put("drifted", run.drifted());
        node.put("list_streams", run.listed());
        node.put("describe_stream", run.described());
        node.put("update_data_retention", run.updated());
        node.put("minimum_calls", run.minimum());
        node.put("seconds", Stats.round(run.seconds(), 2));
    }

    void timed(String key, SweepBench.Timed run) {
        Double floorSeconds = run.floorSeconds();
        ObjectNode node = root.putObject(key);
        node.put("pools", run.pools());
        node.put("calls", run.calls());
        node.put("minimum_calls", run.minimumCalls());
        node.put("throttled", run.throttled());
        node.put("seconds", Stats.round(run.seconds(), 2));
        if (floorSeconds != null) {
            node.put("floor_seconds", Stats.round(floorSeconds, 2));
        }
    }

    /** The month's bill per 1,000 pools on an hourly schedule, by item, beside AWS Config's for the same work. */
    void cost(Cost.SteadyHour hour) {
        ObjectNode node = root.putObject("cost");
        node.put("prices", "us-east-1, on-demand, as published on " + Cost.PRICES_AS_OF + " (docs/cost.md)");
        ObjectNode measured = node.putObject("steady_hour");
        measured.put("pools", hour.pools());
        measured.put("updates", hour.updates());
        measured.put("steps", hour.steps());
        measured.put("sweep_seconds", Stats.round(hour.sweepSeconds(), 2));
        measured.put("events_published", hour.eventsPublished());
        measured.put("updated_event_seconds", Stats.round(hour.updatedEventSeconds(), 3));
        measured.put("memory_mb", hour.memoryMb());
        measured.put("stream_calls", hour.streams().calls());
        measured.put("stream_decreases", hour.streams().decreases());
        Map<String, Double> ours = Cost.perThousandPoolsMonth(hour);
        Map<String, Double> config = Cost.awsConfigPerThousandPoolsMonth(hour);
        ours.forEach(node.putObject("per_1000_pools_month_usd")::put);
        config.forEach(node.putObject("aws_config_per_1000_pools_month_usd")::put);
        root.put("cost_per_1000_pools_month_usd", Cost.total(ours));
        root.put("aws_config_per_1000_pools_month_usd", Cost.total(config));
    }

    /** The organisation sweep: its figures, and each shard worker invocation (for the progress picture). */
    void org(OrgSweepBench.Run run) {
        ObjectNode node = root.putObject("org_sweep");
        node.put("accounts", run.accounts());
        node.put("regions", run.regions());
        node.put("shards", run.shards());
        node.put("pools_per_shard", run.poolsPerShard());
        node.put("maximum_concurrency", run.concurrency());
        node.put("requests_per_second_per_shard", run.rate());
        node.put("chime_calls", run.chimeCalls());
        node.put("stream_calls", run.streamCalls());
        node.put("assume_role_calls", run.assumeRoles());
        node.put("calls", run.calls());
        node.put("minimum_calls", run.minimumCalls());
        node.put("seconds", Stats.round(run.seconds(), 2));
        node.put("floor_seconds", Stats.round(run.floorSeconds(), 2));
        ArrayNode invocations = node.putArray("invocations");
        for (OrgSweepBench.Invocation i : run.invocations()) {
            invocations.addObject().put("shard", i.shard()).put("start_s", Stats.round(i.startSeconds(), 2))
                    .put("end_s", Stats.round(i.endSeconds(), 2)).put("failed", i.failed());
        }
    }

    /** The single large shard that finished through continuations. */
    void continued(OrgSweepBench.Continued run) {
        ObjectNode node = root.putObject("large_shard");
        node.put("pools", run.pools());
        node.put("worker_timeout_seconds", run.timeoutSeconds());
        node.put("invocations", run.invocations());
        node.put("continuations", run.continuations());
        node.put("calls", run.calls());
        node.put("minimum_calls", run.minimumCalls());
        node.put("seconds", Stats.round(run.seconds(), 2));
    }

    /** The logging backends side by side (LoggingBench): medians of their starts, and their packages. */
    void logging(List<LoggingBench.Measured> measured) {
        ArrayNode all = root.putArray("logging_candidates");
        for (LoggingBench.Measured m : measured) {
            ObjectNode node = all.addObject();
            node.put("candidate", m.candidate().name());
            node.put("init_ms", Stats.round(Stats.median(m.initMs()), 1));
            node.put("first_invocation_ms", Stats.round(Stats.median(m.firstMs()), 1));
            node.put("package_mb", Stats.round(m.packageMb(), 2));
            node.put("gives_up", m.candidate().givesUp());
            ArrayNode init = node.putArray("init_samples_ms");
            m.initMs().forEach(v -> init.add(Stats.round(v, 1)));
        }
    }

    void samples(String key, List<Double> ms) {
        ObjectNode node = root.putObject(key);
        node.put("count", ms.size());
        node.put("median_ms", Stats.round(Stats.median(ms), 1));
        node.put("p99_ms", Stats.round(Stats.percentile(ms, 99), 1));
        node.put("min_ms", Stats.round(Collections.min(ms), 1));
        node.put("max_ms", Stats.round(Collections.max(ms), 1));
        if (ms.size() <= 20) {
            ArrayNode all = node.putArray("samples_ms");
            ms.forEach(v -> all.add(Stats.round(v, 1)));
        }
    }

    void packages(List<PackageSize> sizes) {
        ObjectNode node = root.putObject("packages");
        for (PackageSize size : sizes) {
            ObjectNode p = node.putObject(size.function());
            p.put("zip_mb", Stats.round(size.zipMb(), 2));
            p.put("unzipped_mb", Stats.round(size.unzippedMb(), 2));
        }
    }

    void write(Path file) {
        ObjectNode targets = root.putObject("targets");
        for (Target t : TARGETS) {
            targets.put(t.key(), t.describe());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
