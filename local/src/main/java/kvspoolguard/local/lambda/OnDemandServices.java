package kvspoolguard.local.lambda;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import kvspoolguard.local.aws.LocalAwsServices;

/**
 * The AWS services a local function needs besides the Chime API, holding the functions' state
 * table, event bus and the template's queues: moto (DynamoDB one request at a time, EventBridge,
 * SQS, SSM, Organizations) started on a free loopback port for as long as the command runs, or, when
 * the caller sets {@code AWS_ENDPOINT_URL_DYNAMODB} (or {@code AWS_ENDPOINT_URL}), the services the
 * caller started, where the same resources are made unless they are there already, as a deploy
 * would. A queue's visibility timeout is at most the longest function's timeout, so that a step
 * that failed comes back within minutes, not hours; a variable naming a queue (its {@code Ref}, as
 * the SAM CLI resolves it: the logical id) is given the queue's URL.
 */
final class OnDemandServices implements AutoCloseable {

    private final LocalAwsServices services;
    /** Each variable that names a queue, with the queue's URL. */
    private final Map<String, String> queueVariables;
    private final Map<String, String> queueUrls;

    private OnDemandServices(LocalAwsServices services, Map<String, String> queueUrls,
                             Map<String, String> queueVariables) {
        this.services = services;
        this.queueUrls = queueUrls;
        this.queueVariables = queueVariables;
    }

    /** Starts the services for {@code functions} and {@code queues} unless {@code caller} points them elsewhere. */
    static OnDemandServices start(Map<String, String> caller, Collection<FunctionSpec> functions,
                                  Collection<LocalSpec.Queue> queues, Consumer<String> say) {
        boolean callers = caller.containsKey("AWS_ENDPOINT_URL_DYNAMODB") || caller.containsKey("AWS_ENDPOINT_URL");
        LocalAwsServices services = callers ? LocalAwsServices.at(caller) : LocalAwsServices.start();
        Map<String, String> queueUrls = new TreeMap<>();
        Map<String, String> queueVariables = new TreeMap<>();
        try {
            named(functions, "STATE_TABLE_NAME").forEach(services::createStateTable);
            named(functions, "EVENT_BUS_NAME").forEach(services::createEventBus);
            int longestTimeout = functions.stream().mapToInt(FunctionSpec::timeoutSeconds).max().orElse(30);
            // dead-letter queues first: a queue's redrive policy names its dead-letter queue's ARN
            List<LocalSpec.Queue> ordered = queues.stream()
                    .sorted(Comparator.comparing((LocalSpec.Queue q) -> q.deadLetterQueue() != null)).toList();
            for (LocalSpec.Queue queue : ordered) {
                queueUrls.put(queue.name(), services.createQueue(queue.name(), queue.fifo(),
                        Math.min(queue.visibilityTimeoutSeconds(), longestTimeout),
                        queue.deadLetterQueue() == null ? null : queueUrls.get(queue.deadLetterQueue()),
                        queue.maxReceiveCount()));
            }
            for (FunctionSpec function : functions) {
                function.environment().forEach((variable, value) -> {
                    if (queueUrls.containsKey(value)) {
                        queueVariables.put(variable, queueUrls.get(value));
                    }
                });
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        say.accept(callers ? "your AWS services at " + services.endpoint() + ": the stack's table, bus and queues"
                + " are there (made unless they were)"
                : "local AWS services: moto at " + services.endpoint() + " (DynamoDB, EventBridge, SQS, SSM, "
                + "Organizations) until this command ends; set AWS_ENDPOINT_URL_DYNAMODB to use your own");
        return new OnDemandServices(services, queueUrls, queueVariables);
    }

    /** The URL of the template's queue {@code name}, when it was started here. */
    String queueUrl(String name) {
        return queueUrls.get(name);
    }

    /** The distinct non-blank values of {@code variable} across the functions. */
    private static Set<String> named(Collection<FunctionSpec> functions, String variable) {
        Set<String> names = new TreeSet<>();
        for (FunctionSpec function : functions) {
            String name = function.environment().get(variable);
            if (name != null && !name.isBlank()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The caller's variables, with the endpoints of the services started here where none were given. */
    Map<String, String> callerWithEndpoints(Map<String, String> caller) {
        Map<String, String> merged = new TreeMap<>(caller);
        services.endpointVariables().forEach(merged::putIfAbsent);
        queueVariables.forEach(merged::putIfAbsent);
        return merged;
    }

    @Override
    public void close() {
        services.close();
    }
}
