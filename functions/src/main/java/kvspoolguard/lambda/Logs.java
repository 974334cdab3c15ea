package kvspoolguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.Shard;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The fields every log line of an invocation carries (docs/operations.md): Powertools' Lambda
 * fields (service, function name, request id, cold start), the account and region, and the
 * correlation id of what triggered the invocation (the EventBridge event id, the API request id).
 * A handler opens them first and closes them last, so nothing of one invocation leaks into the next.
 */
public final class Logs {

    /** The trigger's id, Powertools' {@code correlation_id} field. */
    public static final String CORRELATION_ID = "correlation_id";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Logs() {
    }

    public static void open(Context context) {
        PowertoolsLogging.initializeLogging(context);
        String arn = context.getInvokedFunctionArn();
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length > 4) {
            MDC.put("account", parts[4]);
        }
        String region = System.getenv("AWS_REGION");
        if (region != null) {
            MDC.put("region", region);
        }
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
        PowertoolsLogging.clearState(true);
    }

    /**
     * A JSON object's fields as top-level fields of the line that logs it, but those the line has
     * already (the run id): a field appears once in a line.
     */
    public static StructuredArgument fields(ObjectNode object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        object.properties().forEach(f -> {
            if (MDC.get(f.getKey()) == null) {
                fields.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        });
        return StructuredArguments.entries(fields);
    }
}
