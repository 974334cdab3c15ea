package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code make stack}'s runner, started as the Makefile starts it, over the sam-built functions: it
 * serves the HTTP API, fires the schedule on {@code POST /_stack/sweep} (what {@code make sweep}
 * sends), delivers a run {@code POST /enforcements} requested and an {@code aws.chime} event put on
 * the local EventBridge's default bus to the enforcer through the template's rules, and stops
 * everything it started when it is stopped.
 */
class StackEndToEndTest {

    private static final Pattern PART = Pattern.compile("^  (HTTP API|Chime emulator|moto)\\s+.*?(http://127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process stack;
    private static final List<String> output = new ArrayList<>();
    private static URI api;
    private static URI chime;
    private static URI moto;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = StackProcess.command("--seed", BuiltStack.ROOT.resolve("local/seed/example-pools.json").toString())
                .redirectError(Path.of("target", "stack-functions.log").toFile()).start();
        output.addAll(StackProcess.untilServing(stack));
        for (String line : output) {
            Matcher part = PART.matcher(line);
            if (part.find()) {
                URI at = URI.create(part.group(2));
                switch (part.group(1)) {
                    case "HTTP API" -> api = at;
                    case "Chime emulator" -> chime = at;
                    default -> moto = at;
                }
            }
        }
        assertThat(api).as(String.join("\n", output)).isNotNull();
        assertThat(chime).isNotNull();
        assertThat(moto).isNotNull();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            StackProcess.stop(stack);
        }
    }

    @Test
    void itServesTheApi_firesTheSchedule_andDeliversTheRulesEvents_thenStopsEverything() throws Exception {
        assertThat(output).anySatisfy(l -> assertThat(l).contains("rule PoolStateChange", "bus default"));
        assertThat(output).anySatisfy(l -> assertThat(l).contains("make sweep PORT=" + api.getPort()));

        HttpResponse<String> pools = HTTP.send(HttpRequest.newBuilder(api.resolve("/pools")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pools.statusCode()).isEqualTo(200);
        assertThat(BuiltStack.JSON.readTree(pools.body()).path("pools")).extracting(p -> p.at("/pool/poolName").asText())
                .contains("sales-calls", "analytics-raw");

        HttpResponse<String> sweep = HTTP.send(HttpRequest.newBuilder(api.resolve("/_stack/sweep"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sweep.statusCode()).isEqualTo(200);
        JsonNode fired = BuiltStack.JSON.readTree(sweep.body()).get(0);
        assertThat(fired.path("failed").asBoolean()).isFalse();
        assertThat(fired.at("/answer/queuedShards")).as("the planner queued the shards").isNotEmpty();
        // the shard queue's poller hands the steps to the shard workers: the sweep completes on its own
        String sweepRun = api.resolve("/enforcements/" + fired.at("/answer/runId").asText()).toString();
        JsonNode swept;
        Instant sweepGiveUp = Instant.now().plusSeconds(60);
        do {
            Thread.sleep(200);
            swept = BuiltStack.JSON.readTree(HTTP.send(HttpRequest.newBuilder(java.net.URI.create(sweepRun)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!swept.path("status").asText().equals("COMPLETED") && Instant.now().isBefore(sweepGiveUp));
        assertThat(swept.path("status").asText()).as(swept.toString()).isEqualTo("COMPLETED");
        // the example fleet's legal-hold carries the exemption tag, which the template leaves off: it is governed
        assertThat(swept.at("/counts/ENFORCED").asInt()).as(swept.toString()).isEqualTo(3);

        // POST /enforcements answers at once; the stack's own rule hands the run to the enforcer
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(api.resolve("/enforcements"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode run;
        Instant runGiveUp = Instant.now().plusSeconds(30);
        do {
            Thread.sleep(200);
            run = BuiltStack.JSON.readTree(HTTP.send(HttpRequest.newBuilder(api.resolve(location)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!run.path("status").asText().equals("COMPLETED") && Instant.now().isBefore(runGiveUp));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("trigger").asText()).isEqualTo("api");

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        try (var pipelines = ChimeSdkMediaPipelinesClient.builder().endpointOverride(chime).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             var events = EventBridgeClient.builder().endpointOverride(moto).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            awaitActive(pipelines, "sales-calls");
            pipelines.updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier("sales-calls")
                    .streamConfiguration(c -> c.dataRetentionInHours(5000)));
            awaitActive(pipelines, "sales-calls");
            String arn = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/sales-calls";
            events.putEvents(r -> r.entries(e -> e.source("aws.chime").eventBusName("default")
                    .detailType("Chime Media Pipeline Kinesis Video Pool State Change")
                    .detail("{\"eventType\": \"chime:MediaPipelineKinesisVideoStreamPoolUpdated\", \"timestamp\": "
                            + System.currentTimeMillis() + ", \"poolArn\": \"" + arn + "\"}")));

            Instant giveUp = Instant.now().plusSeconds(30);
            int retention;
            do {
                Thread.sleep(200);
                retention = pipelines.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier("sales-calls"))
                        .kinesisVideoStreamPoolConfiguration().streamConfiguration().dataRetentionInHours();
            } while (retention != 720 && Instant.now().isBefore(giveUp));
            assertThat(retention).as("corrected by the enforcer the rule delivered the event to").isEqualTo(720);
        }

        List<ProcessHandle> children = stack.descendants().toList();
        assertThat(children).as("the functions' runtimes and moto").isNotEmpty();
        stack.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks
        assertThat(stack.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant giveUp = Instant.now().plusSeconds(15);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        assertThat(children).as("nothing the stack started outlives it").noneMatch(ProcessHandle::isAlive);
    }

    private static void awaitActive(ChimeSdkMediaPipelinesClient pipelines, String pool) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(10);
        while (!pipelines.getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(pool))
                .kinesisVideoStreamPoolConfiguration().poolStatusAsString().equals("ACTIVE")
                && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
    }
}
