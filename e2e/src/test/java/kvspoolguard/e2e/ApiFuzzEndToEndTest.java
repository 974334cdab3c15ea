package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.HttpApiGateway;
import org.junit.jupiter.api.Test;

/**
 * schemathesis against the HTTP API as `make api` serves it (the built PoolApiFunction behind the
 * local gateway), from docs/openapi.yaml: no 5xx, and every answer conforms to the spec (status
 * code, content type, headers, body schema), for generated valid and invalid requests alike.
 */
class ApiFuzzEndToEndTest {

    /** Examples per operation and phase: bounded, so the run takes about a minute. */
    private static final int MAX_EXAMPLES = 40;

    @Test
    void schemathesis_findsNoServerErrorAndNoAnswerOutsideTheSpec() throws Exception {
        String tool = System.getProperty("kvspoolguard.schemathesis", "");
        assertThat(Path.of(tool)).as("schemathesis, installed by `make e2e` (-Dkvspoolguard.schemathesis)")
                .isRegularFile();
        BuiltStack stack = BuiltStack.get();
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active("fuzz-a", 2400), EmulatedPool.active("fuzz-b", 48));
        Path report = Files.createTempFile("schemathesis", ".log");
        try (HttpApiGateway api = HttpApiGateway.start(stack.spec.routes(), name -> stack.poolApi, 0,
                HttpApiGateway.Caller.DEFAULT)) {
            List<String> command = new ArrayList<>(List.of(tool,
                    // what one operation expects differently, with why
                    "--config-file", BuiltStack.ROOT.resolve("e2e/schemathesis.toml").toString(),
                    "run", BuiltStack.ROOT.resolve("docs/openapi.yaml").toString(),
                    "--url", api.endpoint().toString().replaceAll("/$", ""),
                    "--checks", "all",
                    // ignored_auth: the local gateway authenticates no one, as `sam local start-api`
                    // does not; that every deployed route has an authoriser is TemplateTest's proof.
                    // unsupported_method: API Gateway HTTP APIs answer a request no route matches,
                    // an undeclared method included, 404 {"message":"Not Found"}, as the local
                    // gateway does; a 405 is not theirs to give.
                    "--exclude-checks", "ignored_auth,unsupported_method",
                    "--max-examples", String.valueOf(MAX_EXAMPLES), "--seed", "7",
                    "--request-timeout", "20", "--no-color"));
            // in target/, where its caches (.schemathesis, .hypothesis) are build output
            Process st = new ProcessBuilder(command).directory(Path.of("target").toFile()).redirectErrorStream(true)
                    .redirectOutput(report.toFile()).start();
            boolean ended = st.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                st.destroyForcibly();
            }
            String output = Files.readString(report, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(ended).as("schemathesis ended within its bound").isTrue();
            assertThat(st.exitValue()).as(output).isZero();
            assertThat(output).contains("passed");
        } finally {
            deleteQuietly(report);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file
        }
    }
}
