package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionEnvironmentTest {

    private final FunctionSpec spec = new FunctionSpec("F", "a.B::handle", "java25", 1024, 30, Path.of("."),
            Set.of("MIN_RETENTION_HOURS"), Map.of("MIN_RETENTION_HOURS", "24", "AWS_REGION", "us-east-1"));

    @Test
    void callerOverridesTheTemplateAndTheDefaults_butAddsOnlyAwsEndpointsAndCredentials() {
        Map<String, String> env = FunctionEnvironment.resolve(spec,
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
                Map.of("MIN_RETENTION_HOURS", "48", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
                        "AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", "http://127.0.0.1:4566",
                        "AWS_ACCESS_KEY_ID", "key", "HOME", "/root", "PATH", "/bin"));

        assertThat(env).containsEntry("MIN_RETENTION_HOURS", "48")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
                .containsEntry("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", "http://127.0.0.1:4566")
                .containsEntry("AWS_ACCESS_KEY_ID", "key")
                .containsEntry("AWS_REGION", "us-east-1")
                .doesNotContainKeys("HOME", "PATH");
    }

    @Test
    void defaultsOverrideTheTemplate() {
        assertThat(FunctionEnvironment.resolve(spec, Map.of("MIN_RETENTION_HOURS", "12"), Map.of()))
                .containsEntry("MIN_RETENTION_HOURS", "12");
    }

    @Test
    void defaultsFile_readsKeyValueLines_andNamesTheLineItCannotRead(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.env"), "# comment\n\nA=1\nB = two=2\n");
        assertThat(FunctionEnvironment.readDefaults(good)).containsExactly(Map.entry("A", "1"), Map.entry("B", "two=2"));

        Path bad = Files.writeString(dir.resolve("bad.env"), "A=1\nnot a pair\n");
        assertThatThrownBy(() -> FunctionEnvironment.readDefaults(bad))
                .hasMessageContaining("bad.env:2").hasMessageContaining("KEY=VALUE");
    }

    @Test
    void theShippedDefaults_pointOnlyAtLoopback() {
        Map<String, String> shipped = FunctionEnvironment.readDefaults(Path.of("lambda.env"));
        assertThat(shipped).isNotEmpty();
        shipped.forEach((k, v) -> {
            if (k.startsWith("AWS_ENDPOINT_URL")) {
                assertThat(v).startsWith("http://127.0.0.1:");
            }
        });
    }
}
