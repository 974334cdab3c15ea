package kvspoolguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's figures into docs/benchmarks.md, between its two markers; the prose around them
 * (what each figure means, what was changed to meet it) is written by hand and kept.
 */
final class BenchmarkDoc {

    static final String BEGIN = "<!-- bench:results:begin (written by make bench) -->";
    static final String END = "<!-- bench:results:end -->";

    /** The columns of the calls table, in the order a sweep makes them. */
    private static final List<String> OPERATIONS = List.of("ListMediaPipelineKinesisVideoStreamPools",
            "GetMediaPipelineKinesisVideoStreamPool", "ListTagsForResource", "UpdateMediaPipelineKinesisVideoStreamPool");

    private BenchmarkDoc() {
    }

    /** docs/benchmarks.md's figures, and docs/capacity.svg and shard-progress.svg beside it, from one whole run. */
    static void update(Path doc, JsonNode results) {
        write(doc, render(results));
        try {
            Files.writeString(doc.resolveSibling("capacity.svg"), CapacityPicture.svg(results));
            if (results.has("org_sweep")) {
                Files.writeString(doc.resolveSibling("shard-progress.svg"), ShardProgressPicture.svg(results));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/cost.md's bill, from the same run. */
    static void updateCost(Path doc, JsonNode results) {
        write(doc, cost(results));
    }

    private static void write(Path doc, String figures) {
        try {
            String text = Files.readString(doc);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(doc + " has no results markers (" + BEGIN + " … " + END + ")");
            }
            String updated = text.substring(0, begin + BEGIN.length()) + "\n" + figures + text.substring(end);
            Files.writeString(doc, updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/cost.md's figures: the hour measured, the month's bill per 1,000 pools by item, AWS Config's. */
    static String cost(JsonNode r) {
        JsonNode cost = r.path("cost");
        JsonNode hour = cost.path("steady_hour");
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(r.path("generated_at").asText()).append(" on ").append(r.path("machine").asText())
                .append("; prices ").append(cost.path("prices").asText()).append(".\n\n");
        md.append("The hour measured: a sweep of ").append(hour.path("pools").asInt()).append(" pools at 25 ms per call, ")
                .append(hour.path("updates").asInt()).append(" of them out of policy, and of their streams (")
                .append(hour.path("stream_calls").asLong()).append(" Kinesis Video Streams calls, ")
                .append(hour.path("stream_decreases").asLong()).append(" of them decreases), in ")
                .append(hour.path("sweep_seconds").asText()).append(" s with ").append(hour.path("memory_mb").asInt())
                .append(" MB, publishing ").append(hour.path("events_published").asLong()).append(" events; each update's ")
                .append("`aws.chime` Updated event then took ").append(hour.path("updated_event_seconds").asText())
                .append(" s.\n\n");
        md.append("| per 1,000 pools, a month of hourly sweeps | USD |\n|---|---:|\n");
        cost.path("per_1000_pools_month_usd").properties().forEach(e -> md.append("| ").append(e.getKey())
                .append(" | ").append(e.getValue().asText()).append(" |\n"));
        md.append("| **`cost_per_1000_pools_month_usd`** | **").append(r.path("cost_per_1000_pools_month_usd").asText())
                .append("** |\n\n");
        md.append("| AWS Config, the same pools evaluated as often | USD |\n|---|---:|\n");
        cost.path("aws_config_per_1000_pools_month_usd").properties().forEach(e -> md.append("| ").append(e.getKey())
                .append(" | ").append(e.getValue().asText()).append(" |\n"));
        md.append("| **`aws_config_per_1000_pools_month_usd`** | **")
                .append(r.path("aws_config_per_1000_pools_month_usd").asText()).append("** |\n\n");
        return md.toString();
    }

    private static void organisation(StringBuilder md, JsonNode org, JsonNode large) {
        md.append("**Organisation** (docs/shard-progress.svg): ").append(org.path("accounts").asInt()).append(" accounts × ")
                .append(org.path("regions").asInt()).append(" regions × ").append(org.path("pools_per_shard").asInt())
                .append(" pools, 25 ms per call, ").append(org.path("requests_per_second_per_shard").asInt())
                .append(" requests/s per shard, ").append(org.path("maximum_concurrency").asInt())
                .append(" shards at a time: ").append(org.path("seconds").asText()).append(" s from the schedule's event to ")
                .append("the last step's end, against a sharded floor of ").append(org.path("floor_seconds").asText())
                .append(" s; ").append(org.path("calls").asLong()).append(" calls (").append(org.path("chime_calls").asLong())
                .append(" to the pool API, ").append(org.path("stream_calls").asLong()).append(" to the streams' (")
                .append(Fleet.STREAMS_PER_POOL).append(" per pool, one in twenty drifted), ")
                .append(org.path("assume_role_calls").asLong()).append(" AssumeRole), fewest ")
                .append(org.path("minimum_calls").asLong()).append(".");
        if (!large.isMissingNode()) {
            md.append(" One shard of ").append(String.format(java.util.Locale.ROOT, "%,d", large.path("pools").asInt()))
                    .append(" pools under a worker timeout of ").append(large.path("worker_timeout_seconds").asInt())
                    .append(" s finished in ").append(large.path("invocations").asInt()).append(" invocations (")
                    .append(large.path("continuations").asInt()).append(" continuations) and ")
                    .append(large.path("seconds").asText()).append(" s, with ").append(large.path("calls").asLong())
                    .append(" calls (fewest ").append(large.path("minimum_calls").asLong()).append(").");
        }
        md.append("\n\n![each shard worker invocation of the organisation sweep over time](shard-progress.svg)\n\n");
    }

    static String render(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(r.path("generated_at").asText()).append(" on ").append(r.path("machine").asText())
                .append(".\n\n");
        md.append("| figure | measured | target | |\n|---|---:|---|---|\n");
        for (Target t : Results.TARGETS) {
            JsonNode value = r.path(t.key());
            md.append("| `").append(t.key()).append("` — ").append(t.label()).append(" | ")
                    .append(value.isMissingNode() ? "not measured" : value.asText()).append(" | ")
                    .append(t.describe()).append(" | ")
                    .append(value.isMissingNode() || !t.judged() ? "" : t.met(value.asDouble()) ? "met" : "**missed**")
                    .append(" |\n");
        }
        md.append("| `api_p50_ms` / `api_p99_ms` — warm GET /pools/{identifier} | ")
                .append(r.path("api_p50_ms").asText()).append(" / ").append(r.path("api_p99_ms").asText())
                .append(" ms | baseline ").append(r.path("api_baseline_p50_ms").asText()).append(" / ")
                .append(r.path("api_baseline_p99_ms").asText()).append(" ms | |\n\n");

        md.append("**Calls of one scheduled sweep** (made / fewest possible; no latency, no limit):\n\n");
        md.append("| pools | non-compliant | List | Get | ListTagsForResource | Update | ratio | sweep |\n")
                .append("|---:|---:|---|---|---|---|---:|---:|\n");
        for (JsonNode run : r.path("calls")) {
            md.append("| ").append(run.path("pools").asInt()).append(" | ").append(run.path("non_compliant").asInt());
            for (String name : OPERATIONS) {
                JsonNode op = run.path("by_operation").path(name);
                md.append(" | ").append(op.path("calls").asLong()).append(" / ").append(op.path("minimum").asLong());
            }
            md.append(" | ").append(run.path("ratio").asText()).append(" | ")
                    .append(run.path("sweep_seconds").asText()).append(" s |\n");
        }
        JsonNode streams = r.path("stream_calls");
        md.append("\n**The pools' streams** (").append(streams.path("pools").asInt()).append(" pools, ")
                .append(streams.path("streams").asInt()).append(" streams, ").append(streams.path("drifted").asInt())
                .append(" of them drifted, at the stream pace of 20 requests/s under Kinesis Video Streams' quotas): ")
                .append(streams.path("list_streams").asLong()).append(" ListStreams, ")
                .append(streams.path("describe_stream").asLong()).append(" DescribeStream, ")
                .append(streams.path("update_data_retention").asLong()).append(" UpdateDataRetention (fewest ")
                .append(streams.path("minimum_calls").asLong()).append(") in ").append(streams.path("seconds").asText())
                .append(" s.\n");
        JsonNode limited = r.path("sweep_limit");
        md.append("\n**Under the rate limit** (1,000 pools with their streams, 25 ms per call, 50 requests/s to the pool ")
                .append("API, throttling above; the streams at 20 requests/s): ")
                .append(limited.path("calls").asLong()).append(" calls (fewest ").append(limited.path("minimum_calls").asLong())
                .append(", ").append(limited.path("throttled").asLong()).append(" throttled) in ")
                .append(limited.path("seconds").asText()).append(" s; the floor is ")
                .append(limited.path("floor_seconds").asText()).append(" s.\n\n");
        JsonNode naive = r.path("naive");
        JsonNode ours = r.path("ours");
        md.append("**Against the naive loop** (1,000 pools, 25 ms per call, no limit): naive ")
                .append(naive.path("seconds").asText()).append(" s (").append(naive.path("calls").asLong())
                .append(" calls), kvs-pool-guard ").append(ours.path("seconds").asText()).append(" s (")
                .append(ours.path("calls").asLong()).append(" calls; its first sweep of the fleet, which also records and")
                .append(" announces every pool, ").append(r.path("ours_first_sweep").path("seconds").asText())
                .append(" s).\n\n");
        md.append("**Cold start** under AWS's RIE (its INIT REPORT duration + the first Duration, ms): enforcer median ")
                .append(r.path("cold_start_enforcer").path("median_ms").asText()).append(" ")
                .append(r.path("cold_start_enforcer").path("samples_ms")).append(", minimal handler median ")
                .append(r.path("cold_start_baseline").path("median_ms").asText()).append(" ")
                .append(r.path("cold_start_baseline").path("samples_ms")).append(".\n\n");
        md.append("**SnapStart priming**, run in init as a checkpoint would (`PRIME_IN_INIT`; RIE cannot restore): ")
                .append("the enforcer's first Duration median ")
                .append(r.path("first_invocation_primed").path("median_ms").asText()).append(" ms primed against ")
                .append(r.path("first_invocation_unprimed").path("median_ms").asText()).append(" ms unprimed ")
                .append(r.path("first_invocation_primed").path("samples_ms")).append(" / ")
                .append(r.path("first_invocation_unprimed").path("samples_ms")).append("; its init median ")
                .append(r.path("init_primed").path("median_ms").asText())
                .append(" ms with the priming in it (a published version pays it once, at its snapshot).\n\n");
        if (r.has("logging_candidates")) {
            md.append("**Logging backends** <a id=\"logging\"></a>(the enforcer as built and with another SLF4J provider, ")
                    .append("alternating, medians of ").append(r.path("logging_candidates").get(0)
                            .path("init_samples_ms").size()).append(" cold starts under RIE):\n\n")
                    .append("| backend | init ms | first invocation ms | package MiB | gives up |\n|---|---:|---:|---:|---|\n");
            for (JsonNode c : r.path("logging_candidates")) {
                md.append("| ").append(c.path("candidate").asText()).append(" | ").append(c.path("init_ms").asText())
                        .append(" | ").append(c.path("first_invocation_ms").asText()).append(" | ")
                        .append(c.path("package_mb").asText()).append(" | ").append(c.path("gives_up").asText())
                        .append(" |\n");
            }
            md.append("\n");
        }
        md.append("**Capacity** (docs/capacity.svg): at the default pace (`ChimeRequestsPerSecond` 25, every call ")
                .append("paced) one shard worker step sweeps ").append(String.format(java.util.Locale.ROOT, "%,d",
                        CapacityPicture.poolsWithin(r, CapacityPicture.DEFAULT_TIMEOUT)))
                .append(" pools within the default `FunctionTimeout` of 300 s, and ")
                .append(String.format(java.util.Locale.ROOT, "%,d", CapacityPicture.poolsWithin(r,
                        CapacityPicture.LONGEST_TIMEOUT))).append(" within 900 s.\n\n")
                .append("![pools against sweep time, with the function timeout](capacity.svg)\n\n");
        if (r.has("org_sweep")) {
            organisation(md, r.path("org_sweep"), r.path("large_shard"));
        }
        md.append("**Packages** (zipped / unpacked, MiB):");
        for (Iterator<Map.Entry<String, JsonNode>> p = r.path("packages").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> e = p.next();
            md.append(" ").append(e.getKey()).append(" ").append(e.getValue().path("zip_mb").asText()).append(" / ")
                    .append(e.getValue().path("unzipped_mb").asText()).append(";");
        }
        md.setLength(md.length() - 1);
        md.append(".\n\n");
        return md.toString();
    }
}
