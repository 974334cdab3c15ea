package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kvspoolguard.local.aws.LocalAwsServices;
import org.junit.jupiter.api.Test;

/**
 * {@code make stack} pointed at services someone else started (a moto of this test's own, through
 * the SDK's AWS_ENDPOINT_URL_* variables): it makes the stack's table, bus and queues there, as a
 * deploy would, and serves; pointed at services that do not answer, it exits at once with one line.
 */
class StackOnYourServicesEndToEndTest {

    private static final Pattern API = Pattern.compile("^  HTTP API\\s+(http://127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProcessBuilder stack(Map<String, String> services) {
        ProcessBuilder builder = StackProcess.command();
        builder.environment().putAll(services);
        return builder;
    }

    private static Map<String, String> pointedAt(String url) {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", url, "AWS_ENDPOINT_URL_EVENTBRIDGE", url,
                "AWS_ENDPOINT_URL_SQS", url, "AWS_ENDPOINT_URL_SSM", url, "AWS_ENDPOINT_URL_ORGANIZATIONS", url,
                "AWS_REGION", LocalAwsServices.REGION, "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    @Test
    void pointedAtYourMoto_itMakesTheStacksResourcesThere_andServes() throws Exception {
        try (LocalAwsServices yours = LocalAwsServices.start()) {
            Process stack = stack(pointedAt(yours.endpoint().toString()))
                    .redirectError(Path.of("target", "stack-on-your-services.log").toFile()).start();
            try {
                List<String> output = StackProcess.untilServing(stack);
                URI api = output.stream().map(API::matcher).filter(Matcher::find)
                        .map(match -> URI.create(match.group(1))).findFirst().orElse(null);
                assertThat(api).as(String.join("\n", output)).isNotNull();
                assertThat(output).anySatisfy(l -> assertThat(l).contains("your AWS services at " + yours.endpoint()));
                assertThat(yours.dynamoDbClient.listTables().tableNames()).as("the stack's table, made in your moto")
                        .isNotEmpty();

                HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(api.resolve("/enforcements"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                JsonNode body = BuiltStack.JSON.readTree(accepted.body());
                assertThat(body.path("status").asText()).isEqualTo("RUNNING");
            } finally {
                StackProcess.stop(stack);
            }
        }
    }

    @Test
    void pointedAtServicesThatDoNotAnswer_itExitsAtOnce_withOneLine() throws Exception {
        Process stack = stack(pointedAt("http://127.0.0.1:9")).start();
        try {
            assertThat(stack.waitFor(90, TimeUnit.SECONDS)).as("it exits rather than hangs").isTrue();
            String said = new String(stack.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stack.exitValue()).isEqualTo(2);
            assertThat(said.lines().filter(l -> l.startsWith("stack: ")).toList()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("stack: could not start: "));
            assertThat(said).doesNotContain("\tat ");
        } finally {
            StackProcess.stop(stack);
        }
    }
}
