package kvspoolguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.lambda.CliOptions;

/**
 * {@code make bench}: every benchmark of docs/benchmarks.md in one run, so that each ratio compares
 * figures taken side by side on the same machine at the same time. Prints each figure beside its
 * target, writes bench/results.json and the results section of docs/benchmarks.md. A missed
 * target is reported, not failed: targets are goals for the code, not assertions.
 */
public final class BenchMain {

    private static final List<String> OPTIONS = List.of("--spec", "--runtime", "--baseline", "--build", "--events",
            "--out", "--doc", "--log", "--quick", "--only", "--logging-jars");
    private static final List<String> SECTIONS = List.of("package", "calls", "streams", "limit", "naive", "cold", "logging", "api",
            "compliance", "org");

    private BenchMain() {
    }

    /** Exits 0 when every figure was measured, 1 when a benchmark failed, 2 on bad options. */
    public static void main(String[] args) {
        CliOptions options;
        try {
            options = new CliOptions(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            run(options);
        } catch (RuntimeException | IOException e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            status = 1;
        }
        // the HTTP clients' and the emulator's threads must not keep a finished run alive
        System.exit(status);
    }

    private static void run(CliOptions options) throws IOException {
        boolean quick = Boolean.parseBoolean(options.get("--quick", "false"));
        List<String> only = List.of(options.get("--only", String.join(",", SECTIONS)).split(","));
        if (!SECTIONS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes some of " + SECTIONS + ", got " + only);
        }
        // a partial run leaves the committed figures alone: they are the ones of one whole run
        boolean whole = only.size() == SECTIONS.size();
        Path out = whole ? Path.of(options.required("--out"))
                : Path.of(options.required("--log")).toAbsolutePath().resolveSibling("results-only.json");
        Results results = new Results(machine(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (only.contains("package")) {
            Path buildDir = Path.of(options.required("--build"));
            List<PackageSize> packages = List.of(PackageSize.of(buildDir, BenchStack.ENFORCER),
                    PackageSize.of(buildDir, BenchStack.POOL_API));
            results.packages(packages);
            results.headline("package_mb", packages.stream().map(PackageSize::zipMb).max(Double::compare).orElseThrow());
            report("package_mb", results);
        }

        SampleEvents events = new SampleEvents(Path.of(options.required("--events")));
        try (BenchStack stack = new BenchStack(Path.of(options.required("--spec")), Path.of(options.required("--runtime")),
                Path.of(options.required("--baseline")), Path.of(options.required("--log")))) {
            SweepBench sweeps = new SweepBench(stack, events);
            int fleet = quick ? 200 : 1_000;
            if (only.contains("calls")) {
                calls(sweeps, quick, Path.of(options.required("--log")).toAbsolutePath().getParent(), results);
            }
            if (only.contains("streams")) {
                SweepBench.StreamCalls streams = sweeps.streamCalls(fleet);
                System.out.printf("  sweep of %,d pools, %,d streams (%,d drifted): %,d stream calls (fewest %,d) in %.1f s%n",
                        streams.pools(), streams.streams(), streams.drifted(),
                        streams.listed() + streams.described() + streams.updated(), streams.minimum(), streams.seconds());
                results.streams(streams);
                results.headline("stream_calls_ratio", streams.ratio());
                report("stream_calls_ratio", results);
            }
            if (only.contains("limit")) {
                SweepBench.Timed limited = sweeps.underRateLimit(fleet);
                results.timed("sweep_limit", limited);
                results.headline("sweep_limit_ratio", limited.seconds() / limited.floorSeconds());
                report("sweep_limit_ratio", results);
            }
            if (only.contains("naive")) {
                SweepBench.Race naive = sweeps.againstNaive(fleet);
                Map<String, SweepBench.Timed> race = naive.sweeps();
                results.timed("naive", race.get("naive"));
                results.timed("ours", race.get("ours"));
                results.timed("ours_first_sweep", race.get("ours_first_sweep"));
                results.headline("speedup_vs_naive", race.get("naive").seconds() / race.get("ours").seconds());
                report("speedup_vs_naive", results);
                results.cost(naive.steadyHour());
                System.out.println("cost_per_1000_pools_month_usd: " + results.root.path("cost_per_1000_pools_month_usd")
                        + " (AWS Config: " + results.root.path("aws_config_per_1000_pools_month_usd") + ")");
            }
            if (only.contains("cold")) {
                ColdStartBench.Samples cold = new ColdStartBench(stack, events).run(quick ? 2 : 5);
                results.samples("cold_start_enforcer", cold.enforcerMs());
                results.samples("cold_start_baseline", cold.baselineMs());
                results.headline("cold_start_ratio", cold.ratio());
                report("cold_start_ratio", results);
                results.samples("first_invocation_unprimed", cold.unprimedFirstMs());
                results.samples("first_invocation_primed", cold.primedFirstMs());
                results.samples("init_primed", cold.primedInitMs());
                results.headline("primed_first_invoke_ratio", cold.primedRatio());
                report("primed_first_invoke_ratio", results);
            }
            if (only.contains("logging")) {
                List<LoggingBench.Measured> logging = new LoggingBench(stack, events).run(
                        Path.of(options.required("--build")), Path.of(options.required("--logging-jars")),
                        Path.of(options.required("--log")).toAbsolutePath().getParent(), quick ? 2 : 5);
                results.logging(logging);
                logging.forEach(m -> System.out.printf("  logging %-50s init %6.0f ms, first %6.0f ms, %.2f MiB%n",
                        m.candidate().name(), Stats.median(m.initMs()), Stats.median(m.firstMs()), m.packageMb()));
            }
            if (only.contains("api")) {
                api(new ApiLatencyBench(stack).run(quick ? 50 : 500), results);
            }
            if (only.contains("compliance")) {
                compliance(new ComplianceBench(stack, events).run(quick ? 1_000 : 10_000, quick ? 1 : 3), results);
            }
            if (only.contains("org")) {
                org(new OrgSweepBench(stack, events), quick, results);
            }
        }
        results.write(out);
        System.out.println("wrote " + out);
        String doc = options.get("--doc", null);
        if (doc != null && whole) {
            JsonNode written = new ObjectMapper().readTree(Files.readString(out));
            BenchmarkDoc.update(Path.of(doc), written);
            BenchmarkDoc.updateCost(Path.of(doc).resolveSibling("cost.md"), written);
            System.out.println("updated " + doc + ", its capacity.svg, shard-progress.svg and cost.md");
        }
    }

    /** The sweeps of 100, 1,000 and 10,000 pools; the GC log of the largest goes to {@code work}. */
    private static void calls(SweepBench sweeps, boolean quick, Path work, Results results) {
        List<SweepBench.Calls> calls = new ArrayList<>();
        for (int pools : quick ? new int[] {100, 300} : new int[] {100, 1_000, 10_000}) {
            boolean largest = pools == (quick ? 300 : 10_000);
            calls.add(sweeps.calls(pools, largest ? work.resolve("gc-" + pools + ".log") : null));
            System.out.printf("  sweep of %,d pools: %,d calls (fewest %,d) in %.1f s%n", pools,
                    calls.getLast().total(calls.getLast().made()), calls.getLast().total(calls.getLast().minimum()),
                    calls.getLast().seconds());
        }
        results.calls(calls);
        results.headline("calls_ratio", calls.stream().map(SweepBench.Calls::ratio).max(Double::compare).orElseThrow());
        report("calls_ratio", results);
        results.headline("peak_heap_mb_10k", calls.getLast().peakHeapMb());
        report("peak_heap_mb_10k", results);
    }

    /**
     * The organisation sweep (10 accounts × 4 regions × 250 pools; quick: 2 accounts) and the
     * large shard (30,000 pools; quick: 3,000) finishing through continuations.
     */
    private static void org(OrgSweepBench bench, boolean quick, Results results) {
        OrgSweepBench.Run run = bench.sweep(quick ? 2 : 10, OrgSweepBench.POOLS_PER_SHARD);
        System.out.printf("  org sweep of %d shards × %d pools: %.1f s (floor %.1f s), %,d calls (fewest %,d)%n",
                run.shards(), run.poolsPerShard(), run.seconds(), run.floorSeconds(), run.calls(), run.minimumCalls());
        results.org(run);
        results.headline("org_sweep_ratio", run.seconds() / run.floorSeconds());
        report("org_sweep_ratio", results);
        results.headline("org_calls_ratio", (double) run.calls() / run.minimumCalls());
        report("org_calls_ratio", results);
        OrgSweepBench.Continued large = bench.largeShard(quick ? 3_000 : 30_000, quick ? 12 : 20);
        System.out.printf("  one shard of %,d pools, worker timeout %d s: %d continuations, %,d calls (fewest %,d), %.1f s%n",
                large.pools(), large.timeoutSeconds(), large.continuations(), large.calls(), large.minimumCalls(),
                large.seconds());
        results.continued(large);
    }

    private static void compliance(ComplianceBench.Measured measured, Results results) {
        results.compliance(measured);
        results.headline("compliance_read_units_ratio", measured.indexReadUnits() / measured.tableReadUnits());
        results.headline("compliance_read_time_ratio", Stats.median(measured.indexMs()) / Stats.median(measured.tableMs()));
        System.out.printf("  GET /compliance over %,d pools: %.1f read units, read in %.0f ms (a Scan of the table,"
                + " %,d items: %.1f, %.0f ms); the answer, client to client: p50 %.0f ms%n", measured.pools(),
                measured.indexReadUnits(), Stats.median(measured.indexMs()), measured.tableItems(),
                measured.tableReadUnits(), Stats.median(measured.tableMs()), Stats.median(measured.latencyMs()));
        report("compliance_read_units_ratio", results);
        report("compliance_read_time_ratio", results);
    }

    private static void api(ApiLatencyBench.Latencies api, Results results) {
        results.headline("api_p50_ms", Stats.percentile(api.poolApiMs(), 50));
        results.headline("api_p99_ms", Stats.percentile(api.poolApiMs(), 99));
        results.headline("api_baseline_p50_ms", Stats.percentile(api.baselineMs(), 50));
        results.headline("api_baseline_p99_ms", Stats.percentile(api.baselineMs(), 99));
        System.out.printf("  api_p50_ms / api_p99_ms: %.1f / %.1f (baseline %.1f / %.1f)%n",
                results.headline().get("api_p50_ms"), results.headline().get("api_p99_ms"),
                results.headline().get("api_baseline_p50_ms"), results.headline().get("api_baseline_p99_ms"));
    }

    private static void report(String key, Results results) {
        Target target = Results.TARGETS.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
        double value = results.headline().get(key);
        System.out.printf("  %-18s %10.3f   target %-7s %s%n", key, value, target.describe(),
                !target.judged() ? "(not judged)" : target.met(value) ? "met" : "MISSED");
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + Runtime.version();
    }
}
