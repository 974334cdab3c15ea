package kvspoolguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import software.amazon.event.ruler.Machine;

/** One of the enforcer's EventBridge rules in template.yaml, matching as EventBridge does (AWS's event-ruler). */
public final class TemplateRule {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Machine machine = new Machine();

    private TemplateRule(JsonNode pattern) throws Exception {
        machine.addRule("rule", JSON.writeValueAsString(pattern));
    }

    /** The pattern of the enforcer's event {@code name} (PoolStateChange, PoolApiCalls, ...). */
    public static TemplateRule ofEnforcerEvent(String name) {
        try {
            JsonNode template = new YAMLMapper().readTree(Path.of("..", "template.yaml").toFile());
            JsonNode pattern = template.at("/Resources/RetentionEnforcerFunction/Properties/Events/" + name
                    + "/Properties/Pattern");
            assertThat(pattern.isObject()).as("the pattern of " + name + " in template.yaml").isTrue();
            return new TemplateRule(pattern);
        } catch (Exception e) {
            throw new IllegalStateException("the pattern of " + name + " in template.yaml does not load", e);
        }
    }

    public boolean matches(JsonNode event) {
        try {
            return !machine.rulesForJSONEvent(JSON.writeValueAsString(event)).isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler could not read " + event, e);
        }
    }
}
