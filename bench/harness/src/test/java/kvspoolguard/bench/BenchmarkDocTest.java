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
}
