package kvspoolguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicReference;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fields every log line of an invocation carries (docs/operations.md), in SLF4J's MDC: the
 * service, the function (name, version, ARN, memory), Lambda's request id, whether the invocation
 * started the execution environment, the X-Ray trace, the account and region, and the correlation
 * id of what triggered the invocation (the EventBridge event id, the API request id). A handler
 * opens them first and closes them last, so nothing of one invocation leaks into the next.
 */
public final class Logs {

    /** The trigger's id. */
    public static final String CORRELATION_ID = "correlation_id";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE = System.getenv().getOrDefault("POWERTOOLS_SERVICE_NAME", "kvs-pool-guard");
    private static final ColdStart COLD_START = new ColdStart();

    /**
     * The first invocation of an execution environment is its cold start: every line it logs says so,
     * however often its handler opens the fields (the shard worker does, once per message).
     */
    static final class ColdStart {
        private final AtomicReference<String> first = new AtomicReference<>();

        boolean of(String requestId) {
            return first.compareAndSet(null, requestId) || requestId.equals(first.get());
        }
    }

    private Logs() {
    }

    public static void open(Context context) {
        MDC.clear();
        MDC.put("service", SERVICE);
        put("function_name", context.getFunctionName());
        put("function_version", context.getFunctionVersion());
        put("function_arn", context.getInvokedFunctionArn());
        MDC.put("function_memory_size", String.valueOf(context.getMemoryLimitInMB()));
        put("function_request_id", context.getAwsRequestId());
        MDC.put("cold_start", String.valueOf(COLD_START.of(String.valueOf(context.getAwsRequestId()))));
        put("xray_trace_id", traceId());
        String arn = context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length > 4) {
            MDC.put("account", parts[4]);
        }
        put("region", System.getenv("AWS_REGION"));
    }

    /** The trigger's id on every line from here on; a run's id too, since a run is named after its trigger. */
    public static void correlate(String triggerId, boolean isRun) {
        MDC.put(CORRELATION_ID, triggerId);
        if (isRun) {
            MDC.put("runId", triggerId);
        }
    }

    /** The pool this invocation is about (an aws.chime event's, an API request's), on every line from here on. */
    public static void pool(PoolRef pool) {
        if (pool.arn() != null) {
            MDC.put("poolArn", pool.arn());
        } else {
            MDC.put("poolName", pool.name());
        }
    }

    /** The shard a worker's step sweeps ({@code account/region}), on every line from here on. */
    public static void shard(Shard shard) {
        MDC.put("shard", shard.toString());
    }

    public static void close() {
        MDC.clear();
    }

    /**
     * A JSON object's fields as top-level fields of the line {@code line} logs, but those the line
     * has already (the run id): a field appears once in a line.
     */
    public static LoggingEventBuilder fields(LoggingEventBuilder line, ObjectNode object) {
        object.properties().forEach(f -> {
            if (MDC.get(f.getKey()) == null) {
                line.addKeyValue(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        });
        return line;
    }

    /** The X-Ray trace's root, as the Lambda runtime passes it (a system property; the variable before it). */
    private static String traceId() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) {
                return part.substring("Root=".length());
            }
        }
        return null;
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
