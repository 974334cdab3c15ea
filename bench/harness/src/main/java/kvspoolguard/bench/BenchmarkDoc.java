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

    static void update(Path doc, JsonNode results) {
        try {
            String text = Files.readString(doc);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(doc + " has no results markers (" + BEGIN + " … " + END + ")");
            }
            String updated = text.substring(0, begin + BEGIN.length()) + "\n" + render(results) + text.substring(end);
            Files.writeString(doc, updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                    .append(value.isMissingNode() ? "" : t.met(value.asDouble()) ? "met" : "**missed**").append(" |\n");
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
        JsonNode limited = r.path("sweep_limit");
        md.append("\n**Under the rate limit** (1,000 pools, 25 ms per call, 50 requests/s, throttling above): ")
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
