package kvspoolguard.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.local.lambda.LocalSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code make demo} as a newcomer runs it, on the sam-built functions: what it prints of the
 * sweep's run is what GET /enforcements/{runId} answered, failed shards and all.
 */
class DemoEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("kvspoolguard.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PLANNED = Pattern.compile("run (\\S+) planned:");

    @Test
    void theDemo_printsTheSweepsRun_asTheApiAnsweredIt_withItsFailedShards() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Demo demo = new Demo(LocalSpec.read(ROOT.resolve(".aws-sam/local-spec.json")),
                ROOT.resolve("local/target/lambda-runtime"), ROOT.resolve("local/seed/demo-fleet.json"),
                ROOT.resolve("local/seed/demo-policy.json"), ROOT.resolve("events"),
                Path.of("target", "demo-e2e.log"), new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (demo) {
            demo.run();
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        Matcher planned = PLANNED.matcher(out);
        assertThat(planned.find()).as(out).isTrue();
        JsonNode run = demo.answered("/enforcements/" + planned.group(1));

        JsonNode failed = run.at("/shards/failed");
        assertThat(failed).as("the research account's role refuses, in both regions").hasSize(2);
        List<String> expected = new ArrayList<>();
        expected.add("run %s %s with 2 failed shards by the shard workers: %s (shards: %d done, 2 failed, of %d)"
                .formatted(run.path("runId").asText(), run.path("status").asText(), Demo.counts(run.path("counts")),
                        run.at("/shards/done").asInt(), run.at("/shards/total").asInt()));
        failed.forEach(f -> expected.add("shard %s/%s failed: %s".formatted(f.path("account").asText(),
                f.path("region").asText(), f.path("reason").asText())));
        assertThat(run.at("/shards/total").asInt()).isEqualTo(6);
        assertThat(run.at("/shards/done").asInt()).isEqualTo(4);
        for (String line : expected) {
            assertThat(out).contains("    " + line + System.lineSeparator());
        }
        // the stream the sweep's update missed, then the one an outsider lowered, each corrected and announced
        assertThat(out).containsPattern("Stream Retention Drifted +sales-calls +\\S+: 2400 -> 720 h, CORRECTING")
                .containsPattern("Stream Retention Drifted +media-podcasts +\\S+: 12 -> 72 h, CORRECTING, by "
                        + "arn:aws:sts::210987654321:assumed-role/MediaAdmin/alex");
    }
}
