package kvspoolguard.local.lambda;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import kvspoolguard.local.aws.LocalAwsServices;

/**
 * The AWS services a local function needs besides the Chime API, started when the caller has not
 * pointed the functions elsewhere: moto (DynamoDB one request at a time, EventBridge, SQS, SSM,
 * Organizations) on a
 * free loopback port, holding the functions' state table and event bus, for as long as the command
 * runs. A caller who sets {@code AWS_ENDPOINT_URL_DYNAMODB} (or {@code AWS_ENDPOINT_URL}) brings
 * their own services, and nothing is started.
 */
final class OnDemandServices implements AutoCloseable {

    private final LocalAwsServices services;

    private OnDemandServices(LocalAwsServices services) {
        this.services = services;
    }

    /** Starts the services for {@code functions} unless {@code caller} points them elsewhere. */
    static OnDemandServices start(Map<String, String> caller, Collection<FunctionSpec> functions, Consumer<String> say) {
        if (caller.containsKey("AWS_ENDPOINT_URL_DYNAMODB") || caller.containsKey("AWS_ENDPOINT_URL")) {
            return new OnDemandServices(null);
        }
        LocalAwsServices services = LocalAwsServices.start();
        try {
            named(functions, "STATE_TABLE_NAME").forEach(services::createStateTable);
            named(functions, "EVENT_BUS_NAME").forEach(services::createEventBus);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        say.accept("local AWS services: moto at " + services.endpoint() + " (DynamoDB, EventBridge, SQS, SSM, "
                + "Organizations) until this command ends; set AWS_ENDPOINT_URL_DYNAMODB to use your own");
        return new OnDemandServices(services);
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
        if (services != null) {
            services.endpointVariables().forEach(merged::putIfAbsent);
        }
        return merged;
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
    }
}
