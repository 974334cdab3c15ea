package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The end-to-end tests' JVM logs through exactly one SLF4J provider, so SLF4J warns of none: no
 * "No SLF4J providers were found", no "multiple providers", no SLF4J 1.7 binding to ignore.
 */
class LoggingClasspathTest {

    @Test
    void oneSlf4jProvider_andNoOldBinding() {
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream().map(p -> p.type().getName()))
                .containsExactly("org.slf4j.simple.SimpleServiceProvider");
        assertThat(getClass().getClassLoader().getResource("org/slf4j/impl/StaticLoggerBinder.class"))
                .as("an SLF4J 1.7 binding, which SLF4J 2 ignores with a warning").isNull();
    }
}
