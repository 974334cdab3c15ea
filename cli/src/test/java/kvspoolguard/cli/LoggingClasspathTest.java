package kvspoolguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** The command line's tests log through the functions' Logback alone: SLF4J finds one provider and warns of none. */
class LoggingClasspathTest {

    @Test
    void oneSlf4jProvider_andNoOldBinding() {
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream().map(p -> p.type().getName()))
                .containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
        assertThat(getClass().getClassLoader().getResource("org/slf4j/impl/StaticLoggerBinder.class")).isNull();
    }
}
