package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain core knows nothing of Lambda or the AWS SDK: adapters do. */
class CoreIsolationTest {

    private static final Path CORE = Path.of("src/main/java/kvspoolguard/core");

    @Test
    void coreSources_importNoAwsOrLambdaType() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(CORE)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(CoreIsolationTest::imports)
                    .filter(line -> line.contains("software.amazon.") || line.contains("com.amazonaws."))
                    .toList();
        }
        assertThat(Files.isDirectory(CORE)).isTrue();
        assertThat(offending).isEmpty();
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("import "))
                    .map(l -> file.getFileName() + ": " + l);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
