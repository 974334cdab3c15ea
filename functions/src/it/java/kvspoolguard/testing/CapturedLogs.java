package kvspoolguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every line the functions log in this JVM, as the functions' own log4j2.xml writes it (one JSON
 * object per line), kept for the tests beside going to standard output.
 */
public final class CapturedLogs {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    static {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Layout<?> layout = config.getAppender("JsonAppender").getLayout();
        Appender capture = new AbstractAppender("CapturedLogs", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                LINES.add(new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8).strip());
            }
        };
        capture.start();
        config.addAppender(capture);
        config.getRootLogger().addAppender(capture, org.apache.logging.log4j.Level.WARN, null);
        config.getLoggerConfig("kvspoolguard").addAppender(capture, null, null);
        context.updateLoggers();
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
