package kvspoolguard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kvspoolguard.lambda.LogConfiguration;
import org.slf4j.LoggerFactory;

/**
 * Every line the functions log in this JVM, as their own configuration writes it (one JSON object
 * per line, LogConfiguration's encoder), kept for the tests beside going to standard output.
 */
public final class CapturedLogs {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    static {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root
                .getAppender(LogConfiguration.APPENDER)).getEncoder();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                LINES.add(new String(encoder.encode(event), StandardCharsets.UTF_8).strip());
            }
        };
        capture.setContext(root.getLoggerContext());
        capture.setName("captured");
        capture.start();
        root.addAppender(capture);
    }

    private CapturedLogs() {
    }

    /** Where the lines logged from now on start. */
    public static int mark() {
        return LINES.size();
    }

    /** The lines logged since {@code mark}. */
    public static List<String> since(int mark) {
        return List.copyOf(LINES.subList(mark, LINES.size()));
    }
}
