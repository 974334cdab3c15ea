package kvspoolguard.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml promises and cfn-lint cannot check: least privilege, dead letters on every
 * trigger, SnapStart, a handler that exists, and defaults that match docs/configuration.md.
 * (YAML intrinsic tags such as !Sub are read as their plain values.)
 */
class TemplateTest {

    private static JsonNode template;
    private static JsonNode enforcer;

    @BeforeAll
    static void read() throws Exception {
        template = new YAMLMapper().readTree(Path.of("..", "template.yaml").toFile());
        enforcer = template.at("/Resources/RetentionEnforcerFunction/Properties");
    }

    @Test
    void enforcer_handlerExists_andRunsOnSnapStart() throws Exception {
        String handler = enforcer.path("Handler").asText();
        assertThat(Class.forName(handler.substring(0, handler.indexOf("::")))).isNotNull();
        assertThat(enforcer.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(enforcer.path("AutoPublishAlias").asText()).isNotBlank();
    }

    @Test
    void enforcer_mayCallOnlyWhatItUses_onlyOnThisAccountsPools() {
        Set<String> chimeOnPools = new HashSet<>();
        Set<String> everyAction = new HashSet<>();
        for (JsonNode statement : enforcer.at("/Policies/0/Statement")) {
            JsonNode s = statement.isArray() ? statement.get(1) : statement; // !If [cond, statement, NoValue]
            Set<String> actions = new HashSet<>();
            if (s.path("Action").isArray()) {
                s.path("Action").forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(s.path("Action").asText());
            }
            everyAction.addAll(actions);
            String resource = s.path("Resource").toString();
            if (actions.stream().anyMatch(a -> a.startsWith("chime:"))) {
                if (resource.equals("\"*\"")) {
                    assertThat(actions).as("only List may have no resource").containsExactly(
                            "chime:ListMediaPipelineKinesisVideoStreamPools");
                } else {
                    assertThat(resource).contains(":${AWS::AccountId}:media-pipeline-kinesis-video-stream-pool/*");
                    chimeOnPools.addAll(actions);
                }
            }
        }
        assertThat(chimeOnPools).containsExactlyInAnyOrder("chime:GetMediaPipelineKinesisVideoStreamPool",
                "chime:UpdateMediaPipelineKinesisVideoStreamPool", "chime:ListTagsForResource");
        assertThat(everyAction).containsExactlyInAnyOrder("chime:GetMediaPipelineKinesisVideoStreamPool",
                "chime:UpdateMediaPipelineKinesisVideoStreamPool", "chime:ListTagsForResource",
                "chime:ListMediaPipelineKinesisVideoStreamPools", "dynamodb:GetItem", "dynamodb:PutItem",
                "events:PutEvents", "ssm:GetParameter");
    }

    @Test
    void everyTrigger_retries_andDeadLetters() {
        for (JsonNode event : enforcer.path("Events")) {
            assertThat(event.at("/Properties/DeadLetterConfig/Arn").toString()).contains("EnforcerDeadLetterQueue");
            assertThat(event.at("/Properties/RetryPolicy/MaximumRetryAttempts").asInt()).isPositive();
        }
        assertThat(enforcer.at("/EventInvokeConfig/DestinationConfig/OnFailure/Destination").toString())
                .contains("EnforcerDeadLetterQueue");
        assertThat(template.at("/Resources/EnforcerDeadLetterQueueAlarm/Type").asText())
                .isEqualTo("AWS::CloudWatch::Alarm");
        assertThat(template.at("/Resources/EnforcerErrorsAlarm/Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
    }

    @Test
    void parameterDefaults_areTheOnesDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        Matcher row = Pattern.compile("^\\| `(\\w+)` \\| (`[^`]*`|empty) \\|", Pattern.MULTILINE).matcher(doc);
        int checked = 0;
        while (row.find()) {
            JsonNode parameter = template.at("/Parameters/" + row.group(1));
            if (parameter.isMissingNode()) {
                continue; // an environment-only variable
            }
            String documented = row.group(2).equals("empty") ? "" : row.group(2).replace("`", "");
            assertThat(parameter.path("Default").asText()).as(row.group(1)).isEqualTo(documented);
            checked++;
        }
        assertThat(checked).isEqualTo(template.path("Parameters").size());
    }
}
