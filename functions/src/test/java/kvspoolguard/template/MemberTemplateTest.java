package kvspoolguard.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What member.yaml promises each governed account: the central functions, and nothing else, may
 * list, read and correct its pools through the member role, in the governed regions only; its
 * events reach the central bus, and EventBridge may put them nowhere else.
 * (YAML intrinsic tags such as !Sub are read as their plain values.)
 */
class MemberTemplateTest {

    private static JsonNode member;
    private static JsonNode central;

    @BeforeAll
    static void read() throws Exception {
        member = new YAMLMapper().readTree(Path.of("..", "member.yaml").toFile());
        central = new YAMLMapper().readTree(Path.of("..", "template.yaml").toFile());
    }

    @Test
    void itMakesOnlyTheMemberRole_theForwardingRules_andTheirRole() {
        Set<String> resources = new TreeSet<>();
        member.path("Resources").properties().forEach(e ->
                resources.add(e.getKey() + ":" + e.getValue().path("Type").asText()));

        assertThat(resources).containsExactly("ForwardPoolApiCalls:AWS::Events::Rule",
                "ForwardPoolStateChanges:AWS::Events::Rule", "ForwardStreamApiCalls:AWS::Events::Rule",
                "ForwardingDeadLetterQueue:AWS::SQS::Queue", "ForwardingDeadLetterQueueAlarm:AWS::CloudWatch::Alarm",
                "ForwardingDeadLetterQueuePolicy:AWS::SQS::QueuePolicy",
                "ForwardingRole:AWS::IAM::Role", "MemberRole:AWS::IAM::Role");
    }

    @Test
    void eachForwardingRule_keepsWhatTheCentralBusCannotTake_inAQueueThatAdmitsIt_underAnAlarm() {
        assertThat(DeadLetterSenders.of(member)).containsExactlyInAnyOrder(
                new DeadLetterSenders.Sender("ForwardPoolStateChanges", "ForwardingDeadLetterQueue"),
                new DeadLetterSenders.Sender("ForwardPoolApiCalls", "ForwardingDeadLetterQueue"),
                new DeadLetterSenders.Sender("ForwardStreamApiCalls", "ForwardingDeadLetterQueue"));
        assertThat(DeadLetterSenders.notAdmitted(member)).as("rules whose dead letters the queue refuses").isEmpty();
        assertThat(member.at("/Resources/ForwardingDeadLetterQueueAlarm/Properties/Dimensions/0/Value").asText())
                .isEqualTo("ForwardingDeadLetterQueue.QueueName");
        for (String rule : List.of("ForwardPoolStateChanges", "ForwardPoolApiCalls", "ForwardStreamApiCalls")) {
            assertThat(member.at("/Resources/" + rule + "/Properties/Targets/0/RetryPolicy/MaximumRetryAttempts").asInt())
                    .isPositive();
        }
    }

    @Test
    void theMemberRole_isCreatedOnce_perAccount_underTheNameTheCentralStackAssumes() {
        JsonNode role = member.at("/Resources/MemberRole");

        assertThat(role.path("Condition").asText()).isEqualTo("CreateMemberRole");
        assertThat(member.at("/Conditions/CreateMemberRole").toString())
                .isEqualTo("[\"AWS::Region\",\"MemberRoleRegion\"]"); // !Equals, read as its list
        assertThat(role.at("/Properties/RoleName").asText()).isEqualTo("MemberRoleName");
    }

    @Test
    void theMemberRole_trustsExactlyTheCentralStacksFunctionRoles_withTheExternalId() {
        JsonNode trust = member.at("/Resources/MemberRole/Properties/AssumeRolePolicyDocument/Statement");

        assertThat(trust).hasSize(1);
        JsonNode statement = trust.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(statement.at("/Principal/AWS").asText())
                .isEqualTo("arn:${AWS::Partition}:iam::${CentralAccountId}:root");
        assertThat(statement.at("/Condition").has("ArnLike")).as("no pattern: exact ARNs").isFalse();
        assertThat(statement.at("/Condition/ArnEquals/aws:PrincipalArn").asText()).isEqualTo("CentralRoleArns");
        assertThat(member.at("/Parameters/CentralRoleArns/Type").asText()).isEqualTo("CommaDelimitedList");
        assertThat(statement.at("/Condition/StringEquals/sts:ExternalId").asText()).isEqualTo("MemberExternalId");
        assertThat(statement.at("/Condition/StringEquals/aws:PrincipalOrgID").toString())
                .isEqualTo("[\"InOrganization\",\"OrganizationId\",\"AWS::NoValue\"]");
        // what the member trusts is what the central stack outputs, and what its functions know as their own
        String roles = "[\",\",[\"RetentionEnforcerFunctionRole.Arn\",\"ShardWorkerFunctionRole.Arn\","
                + "\"PoolApiFunctionRole.Arn\"]]"; // !Join [",", [!GetAtt ...]], read as its lists
        assertThat(central.at("/Outputs/FunctionRoleArns/Value").toString()).isEqualTo(roles);
        assertThat(central.at("/Globals/Function/Environment/Variables/GUARD_ROLES").toString()).isEqualTo(roles);
    }

    @Test
    void theMemberRole_mayCallOnlyThePoolAndStreamOperationsTheCentralFunctionsUse_onThisAccountsPools_inTheGovernedRegions() {
        Set<String> allowed = new TreeSet<>();
        for (JsonNode statement : member.at("/Resources/MemberRole/Properties/Policies/0/PolicyDocument/Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            Set<String> actions = actions(statement);
            allowed.addAll(actions);
            assertThat(statement.at("/Condition/StringEquals/aws:RequestedRegion").asText()).isEqualTo("Regions");
            if (statement.path("Resource").asText().equals("*")) {
                assertThat(actions).as("only the List calls may have no resource").hasSize(1)
                        .containsAnyOf("chime:ListMediaPipelineKinesisVideoStreamPools", "kinesisvideo:ListStreams");
            } else if (actions.stream().allMatch(a -> a.startsWith("kinesisvideo:"))) {
                assertThat(statement.path("Resource").asText()).isEqualTo(
                        "arn:${AWS::Partition}:kinesisvideo:*:${AWS::AccountId}:stream/ChimeMediaPipelines-*/*");
            } else {
                assertThat(statement.path("Resource").asText()).isEqualTo(
                        "arn:${AWS::Partition}:chime:*:${AWS::AccountId}:media-pipeline-kinesis-video-stream-pool/*");
            }
        }
        assertThat(member.at("/Resources/MemberRole/Properties/Policies")).hasSize(1);
        assertThat(member.at("/Resources/MemberRole/Properties/ManagedPolicyArns").isMissingNode()).isTrue();

        Set<String> centralChime = new TreeSet<>();
        CodeCalls.iamActions(Path.of("target", "classes")).stream()
                .filter(a -> a.startsWith("chime:") || a.startsWith("kinesisvideo:")).forEach(centralChime::add);
        assertThat(allowed).isEqualTo(centralChime);
    }

    @Test
    void theForwardingRule_matchesExactlyWhatTheCentralEnforcerTakes_andTargetsTheCentralBus() {
        JsonNode rule = member.at("/Resources/ForwardPoolStateChanges/Properties");

        assertThat(rule.path("EventPattern")).isEqualTo(central.at(
                "/Resources/RetentionEnforcerFunction/Properties/Events/PoolStateChange/Properties/Pattern"));
        assertThat(rule.path("Targets")).hasSize(1);
        JsonNode target = rule.at("/Targets/0");
        assertThat(target.path("Arn").toString()).contains(
                "arn:${AWS::Partition}:events:${CentralRegion}:${CentralAccountId}:event-bus/${Bus}");
        assertThat(target.path("RoleArn").toString()).contains("ForwardingRole.Arn");
        assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isPositive();
    }

    @Test
    void theCallsRules_matchExactlyWhatTheCentralEnforcerTakes_andGoTheSameWay() {
        for (var rule : Map.of("ForwardPoolApiCalls", "PoolApiCalls", "ForwardStreamApiCalls", "StreamApiCalls")
                .entrySet()) {
            JsonNode forwarding = member.at("/Resources/" + rule.getKey());
            assertThat(forwarding.at("/Properties/EventPattern")).as(rule.getKey()).isEqualTo(central.at(
                    "/Resources/RetentionEnforcerFunction/Properties/Events/" + rule.getValue() + "/Properties/Pattern"));
            assertThat(forwarding.at("/Properties/Targets")).isEqualTo(
                    member.at("/Resources/ForwardPoolStateChanges/Properties/Targets"));
            assertThat(forwarding.path("Condition").asText()).isEqualTo("ForwardEvents");
        }
    }

    @Test
    void theForwardingRole_isEventBridgesOnly_andMayPutOnTheCentralBusAlone() {
        JsonNode role = member.at("/Resources/ForwardingRole/Properties");
        JsonNode trust = role.at("/AssumeRolePolicyDocument/Statement");

        assertThat(trust).hasSize(1);
        assertThat(trust.at("/0/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(trust.at("/0/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("AWS::AccountId");
        JsonNode statements = role.at("/Policies/0/PolicyDocument/Statement");
        assertThat(statements).hasSize(1);
        assertThat(actions(statements.get(0))).containsExactly("events:PutEvents");
        assertThat(statements.at("/0/Resource").toString()).isEqualTo(
                member.at("/Resources/ForwardPoolStateChanges/Properties/Targets/0/Arn").toString());
    }

    @Test
    void theCentralHomeRegion_isNotForwardedTwice() {
        assertThat(member.at("/Resources/ForwardPoolStateChanges/Condition").asText()).isEqualTo("ForwardEvents");
        assertThat(member.at("/Conditions/ForwardEvents").toString())
                .contains("\"AWS::AccountId\",\"CentralAccountId\"").contains("\"AWS::Region\",\"CentralRegion\"");
    }

    private static Set<String> actions(JsonNode statement) {
        Set<String> actions = new TreeSet<>();
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(action.asText());
        }
        return actions;
    }
}
