package kvspoolguard.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.aws.AwsPorts;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.RetentionGuard;
import kvspoolguard.core.pool.ShardScope;
import kvspoolguard.lambda.RunMetrics;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.testing.EventSchemas;
import kvspoolguard.testing.TestContext;

/** The enforcer's handler in process, as its ITs run it: built from an environment, fed sample events. */
public final class EnforcerRuns {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");

    private EnforcerRuns() {
    }

    public static RetentionEnforcerHandler handler(Map<String, String> env) {
        GuardConfig config = GuardConfig.fromEnvironment(env);
        ShardScope scope = AwsPorts.scope(config, Clock.systemUTC());
        return new RetentionEnforcerHandler(config, scope, new RetentionGuard(AwsPorts.of(config, scope,
                Clock.systemUTC()), config.maxConcurrency(), Clock.systemUTC()), RunMetrics.powertools());
    }

    public static JsonNode invoke(RetentionEnforcerHandler handler, JsonNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new TestContext());
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sample of events/, as it is. */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(name + ".json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sample of events/ with a fresh id, as another delivery of its kind. */
    static ObjectNode fresh(String name) {
        return sample(name).put("id", UUID.randomUUID().toString());
    }

    /** A pool state change of the sample's kind, about {@code arn}, from the account and region that hold it. */
    static ObjectNode poolEvent(String sample, String arn) {
        ObjectNode event = fresh(sample);
        String[] parts = arn.split(":");
        event.put("region", parts[3]).put("account", parts[4]);
        ((ObjectNode) event.get("detail")).put("poolArn", arn).put("timestamp", System.currentTimeMillis());
        return event;
    }

    /** Every event the tap got since the last call, each checked against its schema. */
    static List<JsonNode> events(LocalAwsServices.EventTap tap) {
        List<JsonNode> events = tap.drain();
        for (JsonNode e : events) {
            assertThat(e.path("source").asText()).isEqualTo("kvs-pool-guard");
            assertThat(EventSchemas.violations(EventSchemas.typeOf(e.path("detail-type").asText()), e.path("detail")))
                    .as("%s conforms to its schema", e).isEmpty();
        }
        return events;
    }
}
