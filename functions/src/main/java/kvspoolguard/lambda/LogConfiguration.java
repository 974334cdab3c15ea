package kvspoolguard.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventNestedJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.composite.loggingevent.mdc.BooleanMdcEntryWriter;
import net.logstash.logback.composite.loggingevent.mdc.LongMdcEntryWriter;
import net.logstash.logback.composite.loggingevent.mdc.RegexFilteringMdcEntryWriter;
import net.logstash.logback.composite.loggingevent.ThrowableClassNameJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableMessageJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

/**
 * How the functions log (docs/operations.md), set up in code, which Logback finds through the
 * ServiceLoader before it would look for an XML file: nothing to parse at init. Every line is one
 * JSON object on standard output: {@code timestamp}, {@code level}, {@code message}, the
 * invocation's fields ({@link Logs}, SLF4J's MDC) and the line's own (SLF4J's key-value pairs,
 * written as JSON, not as text) at the top level, and an exception as {@code error.name},
 * {@code error.message}, {@code error.stack}. The functions' own lines follow the level Lambda sets
 * from LogLevel ({@code AWS_LAMBDA_LOG_LEVEL}); the libraries' (the AWS SDK, resilience4j,
 * Powertools) pass from WARN up whatever it says: their DEBUG lines would carry signing material.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /** The appender every line goes through. */
    public static final String APPENDER = "json";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LoggingEventCompositeJsonEncoder encoder = encoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("kvspoolguard").setLevel(level(System.getenv("AWS_LAMBDA_LOG_LEVEL")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Lambda's application log levels, of which Logback lacks FATAL; INFO when unset or unknown. */
    static Level level(String lambdaLevel) {
        if (lambdaLevel == null) {
            return Level.INFO;
        }
        String name = lambdaLevel.strip().toUpperCase(Locale.ROOT);
        return Level.toLevel(name.equals("FATAL") ? "ERROR" : name, Level.INFO);
    }

    private static LoggingEventCompositeJsonEncoder encoder(LoggerContext context) {
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        // the values the lines carry are the functions' own (maps, lists, strings, numbers): no module to look for
        encoder.setFindAndRegisterJacksonModules(false);
        JsonProviders<ILoggingEvent> fields = encoder.getProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName("timestamp");
        timestamp.setPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        timestamp.setTimeZone("UTC");
        fields.addProvider(timestamp);
        fields.addProvider(new LogLevelJsonProvider());
        fields.addProvider(new MessageJsonProvider());
        fields.addProvider(invocationFields());
        fields.addProvider(new KeyValuePairsJsonProvider());
        fields.addProvider(error(context));
        encoder.start();
        return encoder;
    }

    /** The MDC's entries, as text but {@code cold_start} (a boolean) and {@code function_memory_size} (a number). */
    private static MdcJsonProvider invocationFields() {
        MdcJsonProvider mdc = new MdcJsonProvider();
        RegexFilteringMdcEntryWriter coldStart = new RegexFilteringMdcEntryWriter();
        coldStart.setIncludeMdcKeyPattern("cold_start");
        coldStart.addMdcEntryWriter(new BooleanMdcEntryWriter());
        RegexFilteringMdcEntryWriter memory = new RegexFilteringMdcEntryWriter();
        memory.setIncludeMdcKeyPattern("function_memory_size");
        memory.addMdcEntryWriter(new LongMdcEntryWriter());
        mdc.addMdcEntryWriter(coldStart);
        mdc.addMdcEntryWriter(memory);
        return mdc;
    }

    /** {@code error: {name, message, stack}}, on a line with an exception only. */
    private static LoggingEventNestedJsonProvider error(LoggerContext context) {
        LoggingEventNestedJsonProvider error = new LoggingEventNestedJsonProvider() {
            @Override
            public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
                if (event.getThrowableProxy() != null) {
                    super.writeTo(generator, event);
                }
            }
        };
        error.setFieldName("error");
        ThrowableClassNameJsonProvider name = new ThrowableClassNameJsonProvider();
        name.setFieldName("name");
        name.setUseSimpleClassName(false);
        ThrowableMessageJsonProvider message = new ThrowableMessageJsonProvider();
        message.setFieldName("message");
        StackTraceJsonProvider stack = new StackTraceJsonProvider();
        stack.setFieldName("stack");
        for (JsonProvider<ILoggingEvent> field : List.<JsonProvider<ILoggingEvent>>of(name, message, stack)) {
            field.setContext(context);
            error.getProviders().addProvider(field);
        }
        return error;
    }
}
