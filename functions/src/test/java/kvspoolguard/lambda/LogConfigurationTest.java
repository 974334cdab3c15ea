package kvspoolguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The lines the functions write, as docs/operations.md queries them: one JSON object each, fields at the top. */
class LogConfigurationTest {

    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;

    @BeforeEach
    void writeToMemory() {
        appender = (OutputStreamAppender<ILoggingEvent>) ROOT.getAppender(LogConfiguration.APPENDER);
        appender.setOutputStream(written);
    }

    @AfterEach
    void writeToStandardOutputAgain() {
        appender.setOutputStream(System.out);
        MDC.clear();
    }

    @Test
    void aLine_carriesTheInvocationsFields_andItsOwn_asJson() {
        MDC.put("function_request_id", "req-1");
        MDC.put("cold_start", "true");
        MDC.put("function_memory_size", "512");
        LoggerFactory.getLogger("kvspoolguard.report.TriggerLog").atInfo()
                .addKeyValue("counts", Map.of("ENFORCED", 2)).addKeyValue("queuedShards", List.of("a/b"))
                .log("trigger summary");

        JsonNode line = onlyLine();
        assertThat(line.path("message").asText()).isEqualTo("trigger summary");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(line.path("cold_start").isBoolean()).as(line.toString()).isTrue();
        assertThat(line.path("function_memory_size").isNumber()).as(line.toString()).isTrue();
        assertThat(line.path("counts").path("ENFORCED").asInt()).as("a map is an object, not its text").isEqualTo(2);
        assertThat(line.path("queuedShards").isArray()).isTrue();
        assertThat(line.has("error")).as("no exception, no error field").isFalse();
    }

    @Test
    void anException_isOneErrorField_withTheStackInOneString() {
        LoggerFactory.getLogger("kvspoolguard.enforcer.X").error("the function failed",
                new IllegalStateException("boom", new RuntimeException("cause")));

        JsonNode error = onlyLine().path("error");
        assertThat(error.path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).isEqualTo("boom");
        assertThat(error.path("stack").asText()).contains("IllegalStateException: boom", "Caused by", "cause");
    }

    @Test
    void theLibraries_passFromWarnUp_theFunctionsFollowTheLevel() {
        LoggerFactory.getLogger("software.amazon.awssdk.request").info("signing material");
        LoggerFactory.getLogger("software.amazon.awssdk.request").debug("signing material");
        assertThat(written.size()).isZero();
        LoggerFactory.getLogger("software.amazon.awssdk.request").warn("a warning of theirs");
        assertThat(onlyLine().path("message").asText()).isEqualTo("a warning of theirs");
    }

    @Test
    void lambdasLevels_mapOntoLogbacks() {
        assertThat(LogConfiguration.level(null)).isEqualTo(Level.INFO);
        assertThat(LogConfiguration.level("DEBUG")).isEqualTo(Level.DEBUG);
        assertThat(LogConfiguration.level("trace")).isEqualTo(Level.TRACE);
        assertThat(LogConfiguration.level("FATAL")).isEqualTo(Level.ERROR);
        assertThat(LogConfiguration.level("LOUD")).isEqualTo(Level.INFO);
    }

    private JsonNode onlyLine() {
        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        try {
            return JsonMapper.builder().build().readTree(lines.getFirst());
        } catch (Exception e) {
            throw new AssertionError("not one JSON object: " + lines.getFirst(), e);
        }
    }
}
