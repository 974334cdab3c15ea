package kvspoolguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkDocTest {

    private static final String RESULTS = """
            {"generated_at":"2026-11-21T10:00:00Z","machine":"2 cores","calls_ratio":1.0,"package_mb":18.0,
             "calls":[{"pools":100,"non_compliant":10,"ratio":1.0,"sweep_seconds":1.5,
                       "by_operation":{"ListMediaPipelineKinesisVideoStreamPools":{"calls":1,"minimum":1}}}]}
            """;

    @Test
    void update_replacesOnlyWhatLiesBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\nprose before\n" + BenchmarkDoc.BEGIN + "\nold figures\n"
                + BenchmarkDoc.END + "\nprose after\n");

        BenchmarkDoc.update(doc, new ObjectMapper().readTree(RESULTS));

        String text = Files.readString(doc);
        assertThat(text).startsWith("# Benchmarks\nprose before\n").endsWith(BenchmarkDoc.END + "\nprose after\n")
                .doesNotContain("old figures")
                .contains("| `calls_ratio`").contains("| 1.0 | ≤ 1 | met |")
                .contains("| `package_mb`").contains("| 18.0 | ≤ 15 | **missed** |")
                .contains("| `speedup_vs_naive`").contains("not measured")
                .contains("| 100 | 10 | 1 / 1 | 0 / 0 | 0 / 0 | 0 / 0 | 1.0 | 1.5 s |");
    }

    @Test
    void update_withoutMarkers_failsAndLeavesTheFileAlone(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n");

        assertThatThrownBy(() -> BenchmarkDoc.update(doc, new ObjectMapper().readTree(RESULTS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no results markers");
        assertThat(Files.readString(doc)).isEqualTo("# Benchmarks\n");
    }

    @Test
    void update_withAnOrganisationSweep_describesIt_andDrawsEachShardsInvocations(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, BenchmarkDoc.BEGIN + "\n" + BenchmarkDoc.END + "\n");
        String org = RESULTS.strip().replaceFirst("}$", """
                ,"org_sweep_ratio":1.1,"org_sweep":{"accounts":2,"regions":4,"shards":8,"pools_per_shard":250,
                 "maximum_concurrency":4,"requests_per_second_per_shard":25,"chime_calls":2224,"assume_role_calls":4,
                 "calls":2228,"minimum_calls":2228,"seconds":24.5,"floor_seconds":22.24,
                 "invocations":[{"shard":"123456789012-us-east-1","start_s":2.0,"end_s":13.5,"failed":false},
                                {"shard":"200000000001-us-east-1","start_s":2.1,"end_s":3.0,"failed":true},
                                {"shard":"200000000001-us-east-1","start_s":13.6,"end_s":24.5,"failed":false}]},
                 "large_shard":{"pools":3000,"worker_timeout_seconds":12,"invocations":4,"continuations":3,
                 "calls":3330,"minimum_calls":3330,"seconds":9.1}}""");

        BenchmarkDoc.update(doc, new ObjectMapper().readTree(org));

        assertThat(Files.readString(doc)).contains("| `org_sweep_ratio`").contains("| 1.1 | ≤ 1.2 | met |")
                .contains("2 accounts × 4 regions × 250 pools").contains("24.5 s").contains("floor of 22.24 s")
                .contains("4 invocations (3 continuations)").contains("](shard-progress.svg)");
        String svg = Files.readString(dir.resolve("shard-progress.svg"));
        assertThat(svg).contains(">123456789012-us-east-1<").contains(">200000000001-us-east-1<")
                .contains("sharded floor");
        assertThat(svg.split("fill=\"#06c\"", -1)).as("a bar per invocation that did its step").hasSize(3);
        assertThat(svg.split("fill=\"#c00\"", -1)).as("and one for the failed one").hasSize(2);
    }
}
