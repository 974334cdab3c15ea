package kvspoolguard.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kvspoolguard.api.ApiRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml promises and cfn-lint cannot check: least privilege, dead letters on every
 * trigger, SnapStart, handlers that exist, the HTTP API's routes equal to docs/openapi.yaml's, each
 * behind an authoriser, and defaults that match docs/configuration.md.
 * (YAML intrinsic tags such as !Sub are read as their plain values.)
 */
class TemplateTest {

    private static final List<String> FUNCTIONS = List.of("RetentionEnforcerFunction", "ShardWorkerFunction", "PoolApiFunction");

    private static JsonNode template;
    private static JsonNode enforcer;

    @BeforeAll
    static void read() throws Exception {
        template = new YAMLMapper().readTree(Path.of("..", "template.yaml").toFile());
        enforcer = template.at("/Resources/RetentionEnforcerFunction/Properties");
    }

    @Test
    void everyFunction_handlerExists_andRunsOnSnapStart() throws Exception {
        for (String name : FUNCTIONS) {
            JsonNode function = template.at("/Resources/" + name + "/Properties");
            String handler = function.path("Handler").asText();
            assertThat(Class.forName(handler.substring(0, handler.indexOf("::")))).as(name).isNotNull();
            assertThat(function.at("/SnapStart/ApplyOn").asText()).as(name).isEqualTo("PublishedVersions");
            assertThat(function.path("AutoPublishAlias").asText()).as(name).isNotBlank();
        }
    }

    /** `sam build` builds functions once when their CodeUri, runtime, architecture and Metadata agree. */
    @Test
    void everyFunction_sharesOneBuild() {
        JsonNode first = template.at("/Resources/" + FUNCTIONS.getFirst() + "/Metadata");
        assertThat(first.isMissingNode()).isFalse();
        for (String name : FUNCTIONS) {
            JsonNode function = template.at("/Resources/" + name);
            assertThat(function.path("Metadata")).as(name + " Metadata").isEqualTo(first);
            for (String buildKey : List.of("CodeUri", "Runtime", "Architectures", "PackageType")) {
                assertThat(function.path("Properties").has(buildKey)).as(name + " sets its own " + buildKey).isFalse();
            }
        }
        assertThat(template.at("/Globals/Function/CodeUri").asText()).isEqualTo("functions/");
    }

    /** The statements of the managed policies a function's role has (an !If's statement when its condition holds). */
    private static List<JsonNode> statementsOf(String function) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : template.at("/Resources/" + function + "/Properties/Policies")) {
            JsonNode resource = template.at("/Resources/" + policy.asText());
            assertThat(resource.path("Type").asText()).as(policy.asText()).isEqualTo("AWS::IAM::ManagedPolicy");
            for (JsonNode statement : resource.at("/Properties/PolicyDocument/Statement")) {
                statements.add(statement.isArray() ? statement.get(1) : statement); // !If [cond, statement, NoValue]
            }
        }
        return statements;
    }

    private static Set<String> actionsOf(JsonNode statement) {
        Set<String> actions = new TreeSet<>();
        if (statement.path("Action").isArray()) {
            statement.path("Action").forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(statement.path("Action").asText());
        }
        return actions;
    }

    @Test
    void eachFunction_mayCallExactlyWhatItsOwnCodeCalls() {
        Path classes = Path.of("target", "classes");
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (String name : FUNCTIONS) {
            Set<String> actions = new TreeSet<>();
            statementsOf(name).forEach(s -> actions.addAll(actionsOf(s)));
            String handler = template.at("/Resources/" + name + "/Properties/Handler").asText().split("::")[0];
            assertThat(actions).as("%s may call exactly what %s's code can call", name, handler)
                    .isEqualTo(CodeCalls.iamActions(classes, handler));
            allowed.put(name, actions);
        }
        // what set the functions apart, as the review found it
        assertThat(allowed.get("PoolApiFunction")).noneMatch(a -> a.startsWith("sqs:"));
        // every function scans the pools' records (a new policy version's impact), and only through their index
        assertThat(template.at("/Resources/ScanPoolRecordsPolicy/Properties/PolicyDocument/Statement/0/Resource")
                .toString()).contains("/index/pools");
    }

    @Test
    void theFunctions_mayCallOnlyOnThisAccountsPools_andTheirStreams_inTheGovernedRegions() {
        Set<String> chimeOnPools = new HashSet<>();
        Set<String> kvsOnStreams = new HashSet<>();
        Set<String> everyAction = new HashSet<>();
        for (String function : FUNCTIONS) {
            for (JsonNode s : statementsOf(function)) {
                Set<String> actions = actionsOf(s);
                everyAction.addAll(actions);
                String resource = s.path("Resource").toString();
                if (actions.stream().anyMatch(a -> a.startsWith("chime:") || a.startsWith("kinesisvideo:"))) {
                    assertThat(s.at("/Condition/StringEquals/aws:RequestedRegion").toString()).as(actions.toString())
                            .contains("${AWS::Region},${Regions}");
                    if (resource.equals("\"*\"")) {
                        assertThat(actions).as("only the List calls may have no resource").containsAnyOf(
                                "chime:ListMediaPipelineKinesisVideoStreamPools", "kinesisvideo:ListStreams").hasSize(1);
                    } else if (actions.stream().allMatch(a -> a.startsWith("kinesisvideo:"))) {
                        assertThat(resource).contains(":kinesisvideo:*:${AWS::AccountId}:stream/ChimeMediaPipelines-*/*");
                        kvsOnStreams.addAll(actions);
                    } else {
                        assertThat(resource).contains(":${AWS::AccountId}:media-pipeline-kinesis-video-stream-pool/*");
                        chimeOnPools.addAll(actions);
                    }
                }
            }
        }
        assertThat(chimeOnPools).containsExactlyInAnyOrder("chime:GetMediaPipelineKinesisVideoStreamPool",
                "chime:UpdateMediaPipelineKinesisVideoStreamPool", "chime:ListTagsForResource");
        assertThat(kvsOnStreams).as("no DeleteStream while orphan deletion cannot be enabled")
                .containsExactlyInAnyOrder("kinesisvideo:DescribeStream", "kinesisvideo:UpdateDataRetention");
        assertThat(everyAction).as("no action the code never calls").isEqualTo(CodeCalls.iamActions(Path.of("target",
                "classes")));
        assertThat(everyAction).noneMatch(a -> a.contains("*"));
    }

    @Test
    void forwardedPoolStateChanges_areTakenFromTheStacksBus_withTheSamePattern_fromTheGovernedAccountsOnly() {
        JsonNode events = template.at("/Resources/RetentionEnforcerFunction/Properties/Events");
        JsonNode forwarded = events.at("/ForwardedPoolStateChange/Properties");

        assertThat(forwarded.path("Pattern")).isEqualTo(events.at("/PoolStateChange/Properties/Pattern"));
        assertThat(forwarded.path("EventBusName").toString()).contains("EventBus").contains("EventBusName");
        JsonNode policy = template.at("/Resources/GovernedAccountsBusPolicy");
        assertThat(policy.path("Condition").asText()).isEqualTo("GovernsOtherAccounts");
        // the listed accounts, or anyone of the organisation (!If [GovernsOrganization, "*", !Split [...]])
        assertThat(policy.at("/Properties/Statement/Principal/AWS").toString())
                .isEqualTo("[\"GovernsOrganization\",\"*\",[\",\",\"GovernedAccounts\"]]");
        assertThat(policy.at("/Properties/Statement/Condition/StringEquals/aws:PrincipalOrgID").toString())
                .isEqualTo("[\"GovernsOrganization\",\"OrganizationId\",\"AWS::NoValue\"]");
        assertThat(policy.at("/Properties/Statement/Action").asText()).isEqualTo("events:PutEvents");
        // only AWS's own events (no custom event may have an aws. source), of the two forwarded detail-types
        assertThat(policy.at("/Properties/Statement/Condition/StringLike/events:source").asText()).isEqualTo("aws.*");
        assertThat(policy.at("/Properties/Statement/Condition/StringEquals/events:detail-type").toString())
                .isEqualTo("[\"Chime Media Pipeline Kinesis Video Pool State Change\",\"AWS API Call via CloudTrail\"]");
    }

    @Test
    void poolAndStreamApiCalls_areTakenFromTheDefaultBus_andTheStacksBus_withOnePatternEach_ofAwsSource() {
        JsonNode events = template.at("/Resources/RetentionEnforcerFunction/Properties/Events");
        JsonNode pattern = events.at("/PoolApiCalls/Properties/Pattern");

        assertThat(events.at("/PoolApiCalls/Properties/EventBusName").isMissingNode()).isTrue();
        assertThat(events.at("/ForwardedPoolApiCalls/Properties/Pattern")).isEqualTo(pattern);
        assertThat(events.at("/ForwardedPoolApiCalls/Properties/EventBusName").toString()).contains("EventBus");
        assertThat(pattern.toString()).isEqualTo("{\"source\":[{\"prefix\":\"aws.\"}],"
                + "\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                + "\"detail\":{\"eventSource\":[\"chime-sdk-media-pipelines.amazonaws.com\"],"
                + "\"eventName\":[\"CreateMediaPipelineKinesisVideoStreamPool\","
                + "\"UpdateMediaPipelineKinesisVideoStreamPool\",\"DeleteMediaPipelineKinesisVideoStreamPool\","
                + "\"TagResource\",\"UntagResource\"]}}");
        assertThat(events.at("/PoolApiCalls/Properties/DeadLetterConfig/Arn").toString())
                .contains("EnforcerDeadLetterQueue");
        JsonNode streams = events.at("/StreamApiCalls/Properties/Pattern");
        assertThat(events.at("/StreamApiCalls/Properties/EventBusName").isMissingNode()).isTrue();
        assertThat(events.at("/ForwardedStreamApiCalls/Properties/Pattern")).isEqualTo(streams);
        assertThat(events.at("/ForwardedStreamApiCalls/Properties/EventBusName").toString()).contains("EventBus");
        assertThat(streams.toString()).isEqualTo("{\"source\":[{\"prefix\":\"aws.\"}],"
                + "\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                + "\"detail\":{\"eventSource\":[\"kinesisvideo.amazonaws.com\"],"
                + "\"eventName\":[\"UpdateDataRetention\",\"DeleteStream\"]}}");
        // the functions know their own roles' sessions by the roles' ARNs, the three SAM makes for them
        assertThat(template.at("/Globals/Function/Environment/Variables/GUARD_ROLES").toString()).isEqualTo(
                "[\",\",[\"RetentionEnforcerFunctionRole.Arn\",\"ShardWorkerFunctionRole.Arn\",\"PoolApiFunctionRole.Arn\"]]");
    }

    @Test
    void memberRoles_areAssumedOnlyWhenOtherAccountsAreGoverned_byTheirName_inTheGovernedAccountsOnly() {
        JsonNode assume = null;
        for (JsonNode statement : template.at("/Resources/GovernPoolsPolicy/Properties/PolicyDocument/Statement")) {
            if (statement.isArray() && statement.get(1).path("Sid").asText().equals("AssumeMemberRoles")) {
                assertThat(statement.get(0).asText()).isEqualTo("GovernsOtherAccounts");
                assume = statement.get(1);
            }
        }
        assertThat(assume).isNotNull();
        assertThat(assume.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(assume.path("Resource").asText()).isEqualTo("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}");
        // !If [GovernsOrganization, the organisation's accounts, the listed ones], read as its list
        JsonNode condition = assume.path("Condition");
        assertThat(condition.get(0).asText()).isEqualTo("GovernsOrganization");
        assertThat(condition.get(1).at("/StringEquals/aws:ResourceOrgID").asText()).isEqualTo("OrganizationId");
        assertThat(condition.get(2).at("/StringEquals/aws:ResourceAccount").toString())
                .isEqualTo("[\",\",\"GovernedAccounts\"]");
    }

    @Test
    void stateAndEvents_areScopedToTheStacksTableAndBus_andQueuesAndTableAreEncrypted() {
        for (JsonNode s : FUNCTIONS.stream().flatMap(f -> statementsOf(f).stream()).toList()) {
            String actions = s.path("Action").toString();
            if (actions.contains("dynamodb:Query")) {
                // the pools' history is read through the table's one index, nothing else is queried
                assertThat(actions).isEqualTo("\"dynamodb:Query\"");
                assertThat(s.path("Resource").toString()).isEqualTo("\"${StateTable.Arn}/index/history\"");
            } else if (actions.contains("dynamodb:Scan")) {
                // GET /compliance reads the index of pools' records, never the table with its history
                assertThat(actions).isEqualTo("\"dynamodb:Scan\"");
                assertThat(s.path("Resource").toString()).isEqualTo("\"${StateTable.Arn}/index/pools\"");
            } else if (actions.contains("dynamodb:")) {
                assertThat(s.path("Resource").toString()).isEqualTo("\"StateTable.Arn\""); // !GetAtt, read as its text
            }
            if (actions.contains("events:")) {
                assertThat(s.path("Resource").toString()).contains("event-bus/${Bus}").contains("EventBus");
            }
        }
        assertThat(template.at("/Resources/StateTable/Properties/SSESpecification/SSEEnabled").asBoolean()).isTrue();
        JsonNode pools = template.at("/Resources/StateTable/Properties/GlobalSecondaryIndexes/1");
        assertThat(pools.path("IndexName").asText()).isEqualTo("pools");
        assertThat(pools.at("/KeySchema/0/AttributeName").asText()).as("only pools' records have it").isEqualTo("arn");
        assertThat(pools.at("/Projection/NonKeyAttributes").toString()).doesNotContain("outbox");
    }

    /** History items expire through the table's TTL, after the parameter's days, which the functions are given. */
    @Test
    void thePoolsHistory_expiresThroughTheTablesTtl_afterHistoryRetentionDays() {
        assertThat(template.at("/Resources/StateTable/Properties/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo("expiresAt");
        assertThat(template.at("/Resources/StateTable/Properties/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
        assertThat(template.at("/Globals/Function/Environment/Variables/HISTORY_RETENTION_DAYS").toString())
                .isEqualTo("\"HistoryRetentionDays\""); // !Ref, read as its text
        assertThat(template.at("/Parameters/HistoryRetentionDays/Default").asInt()).isEqualTo(400);
        JsonNode index = template.at("/Resources/StateTable/Properties/GlobalSecondaryIndexes/0");
        assertThat(index.path("IndexName").asText()).isEqualTo("history");
        assertThat(index.path("KeySchema").findValuesAsText("AttributeName")).containsExactly("historyOf", "at");
        for (var resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                JsonNode p = resource.getValue().path("Properties");
                assertThat(p.has("KmsMasterKeyId") || p.path("SqsManagedSseEnabled").asBoolean())
                        .as(resource.getKey() + " encrypted").isTrue();
            }
        }
    }

    @Test
    void theHttpApiAndItsHandler_serveExactlyTheRoutesOfOpenapiYaml_eachBehindAnAuthoriser() throws Exception {
        JsonNode spec = new YAMLMapper().readTree(Path.of("..", "docs", "openapi.yaml").toFile());
        Set<String> documented = new TreeSet<>();
        spec.path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        for (var resource : template.path("Resources").properties()) {
            JsonNode r = resource.getValue();
            if (!r.path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                continue;
            }
            served.add(r.at("/Properties/RouteKey").asText());
            assertThat(r.at("/Properties/AuthorizationType").toString()).as(resource.getKey())
                    .isEqualTo("[\"UseJwt\",\"JWT\",\"AWS_IAM\"]");
            assertThat(r.at("/Properties/Target").asText()).isEqualTo("integrations/${PoolApiIntegration}");
        }
        assertThat(served).isEqualTo(documented).hasSize(9);
        Set<String> handled = Arrays.stream(ApiRoute.values()).map(ApiRoute::key).collect(Collectors.toSet());
        assertThat(handled)
                .as("the routes PoolApiHandler serves").isEqualTo(documented);
        JsonNode integration = template.at("/Resources/PoolApiIntegration/Properties");
        assertThat(integration.path("IntegrationUri").asText()).isEqualTo("PoolApiFunction.Alias");
        assertThat(integration.path("PayloadFormatVersion").asText()).isEqualTo("2.0");
        assertThat(template.at("/Resources/PoolApiFunction/Properties/Timeout").asInt()).isLessThan(30);
        assertThat(template.at("/Parameters/ApiAuthorizer/AllowedValues").toString())
                .as("no unauthenticated mode").isEqualTo("[\"IAM\",\"JWT\"]");
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
    void everyRuleThatDeadLetters_mayDeliverToItsQueue() {
        assertThat(DeadLetterSenders.of(template)).extracting(DeadLetterSenders.Sender::rule).contains(
                "RetentionEnforcerFunctionPoolStateChange",
                "RetentionEnforcerFunctionForwardedPoolStateChange", "RetentionEnforcerFunctionPoolApiCalls",
                "RetentionEnforcerFunctionForwardedPoolApiCalls", "RetentionEnforcerFunctionStreamApiCalls",
                "RetentionEnforcerFunctionForwardedStreamApiCalls", "RetentionEnforcerFunctionEnforcementRequested");
        assertThat(DeadLetterSenders.notAdmitted(template)).as("rules whose dead letters the queue refuses").isEmpty();
    }

    /**
     * The sweep runs on EventBridge Scheduler, not a legacy scheduled rule (UTC only): in the
     * stack's time zone, retried and dead-lettered. Scheduler sends dead letters with the schedule's
     * execution role, which SAM makes and allows sqs:SendMessage on the queue when no RoleArn is given.
     */
    @Test
    void theSweep_isAnEventBridgeSchedulerSchedule_retried_andDeadLettered() {
        List<String> legacy = new ArrayList<>();
        template.path("Resources").properties().forEach(r -> r.getValue().at("/Properties/Events").properties()
                .forEach(e -> {
                    if (e.getValue().path("Type").asText().equals("Schedule")) {
                        legacy.add(r.getKey() + "." + e.getKey());
                    }
                }));
        assertThat(legacy).as("legacy scheduled rules").isEmpty();
        JsonNode sweep = template.at("/Resources/RetentionEnforcerFunction/Properties/Events/Sweep");
        assertThat(sweep.path("Type").asText()).isEqualTo("ScheduleV2");
        JsonNode properties = sweep.path("Properties");
        assertThat(properties.path("ScheduleExpressionTimezone").asText()).isEqualTo("ScheduleTimezone");
        assertThat(properties.has("RoleArn")).as("SAM's role, which it allows to send the dead letters").isFalse();
        assertThat(properties.at("/DeadLetterConfig/Arn").asText()).isEqualTo("EnforcerDeadLetterQueue.Arn");
        assertThat(properties.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isPositive();
        assertThat(properties.path("OmitName").asBoolean()).as("two stacks in one account").isTrue();
        String input = properties.path("Input").asText();
        assertThat(input).contains("<aws.scheduler.schedule-arn>", "<aws.scheduler.scheduled-time>",
                "\"detail-type\":\"Scheduled Event\"");
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

    /** Logs kept for LogRetentionDays in a group of the stack's own, which outlives the stack (docs/configuration.md). */
    @Test
    void everyFunction_logsToItsOwnGroup_keptForLogRetentionDays_andKeptOnDelete() {
        for (String name : FUNCTIONS) {
            String group = template.at("/Resources/" + name + "/Properties/LoggingConfig/LogGroup").asText();
            JsonNode logs = template.at("/Resources/" + group);
            assertThat(logs.path("Type").asText()).as(name).isEqualTo("AWS::Logs::LogGroup");
            assertThat(logs.at("/Properties/RetentionInDays").asText()).as(name).isEqualTo("LogRetentionDays");
            assertThat(logs.at("/Properties/LogGroupName").asText()).as(name).contains("${AWS::StackName}");
            assertThat(logs.path("DeletionPolicy").asText()).as(name).isEqualTo("Retain");
            assertThat(template.at("/Resources/" + name + "/Properties/LoggingConfig/LogFormat").asText()).isEqualTo("JSON");
        }
        assertThat(template.at("/Resources/PoolApiAccessLogs/Properties/RetentionInDays").asText())
                .isEqualTo("LogRetentionDays");
    }

    /** Two stacks in one account and region: no metric, alarm or dashboard of one reads the other's. */
    @Test
    void metricsAlarmsAndDashboard_areThisStacksOwn() {
        String service = "kvs-pool-guard-${AWS::StackName}";
        assertThat(template.at("/Globals/Function/Environment/Variables/POWERTOOLS_SERVICE_NAME").asText())
                .isEqualTo(service);
        template.path("Resources").properties().forEach(resource -> {
            for (JsonNode dimension : resource.getValue().at("/Properties/Dimensions")) {
                if (dimension.path("Name").asText().equals("Service")) {
                    assertThat(dimension.path("Value").asText()).as(resource.getKey()).isEqualTo(service);
                }
            }
        });
        JsonNode body = template.at("/Resources/OperationsDashboard/Properties/DashboardBody");
        assertThat(body.get(1).path("Service").asText()).isEqualTo(service);
        assertThat(template.at("/Resources/OperationsDashboard/Properties/DashboardName").asText()).contains("${AWS::StackName}");
    }

    /** The dashboard is JSON once CloudFormation has substituted it, and draws what docs/configuration.md says. */
    @Test
    void theDashboard_drawsRunsFailuresAndLimits() throws Exception {
        String body = template.at("/Resources/OperationsDashboard/Properties/DashboardBody").get(0).asText()
                .replaceAll("\\$\\{[^}]+}", "300");
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        Set<String> drawn = new TreeSet<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode metric : widget.at("/properties/metrics")) {
                if (metric.size() > 1 && metric.get(1).isTextual()) {
                    drawn.add(metric.get(1).asText());
                }
            }
        }
        assertThat(drawn).contains("PoolsEnforced", "PoolsFailed", "PoolsDeferred", "Throttles", "Duration",
                "ApproximateNumberOfMessagesVisible", "EventsUnpublished");
    }

    /** The enforcer's timeout is a parameter, and an alarm fires at 80% of it. */
    @Test
    void theEnforcersTimeout_isAParameter_withAnAlarmAtEightyPercent() {
        assertThat(enforcer.path("Timeout").asText()).isEqualTo("FunctionTimeout");
        JsonNode alarm = template.at("/Resources/EnforcerDurationAlarm/Properties");
        assertThat(alarm.path("Threshold").asDouble()).isEqualTo(0.8);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.at("/Metrics/0/Expression").asText()).isEqualTo("duration / (${FunctionTimeout} * 1000)");
        assertThat(alarm.at("/Metrics/1/MetricStat/Metric/MetricName").asText()).isEqualTo("Duration");
        assertThat(alarm.at("/Metrics/1/MetricStat/Metric/Dimensions/0/Value").asText())
                .isEqualTo("RetentionEnforcerFunction");
    }

    /** `sam publish` finds the README and the licence the metadata names, and the licence is the one named. */
    @Test
    void theServerlessRepoMetadata_pointsAtTheReadmeAndTheLicence() throws Exception {
        JsonNode app = template.at("/Metadata/AWS::ServerlessRepo::Application");
        assertThat(Files.isRegularFile(Path.of("..", app.path("ReadmeUrl").asText()))).isTrue();
        Path licence = Path.of("..", app.path("LicenseUrl").asText());
        assertThat(Files.readString(licence)).contains("Apache License", "Version 2.0");
        assertThat(app.path("SpdxLicenseId").asText()).isEqualTo("Apache-2.0");
        assertThat(app.path("SemanticVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
    }

    /** A client generated from docs/openapi.yaml knows where the API is and that IAM means SigV4. */
    @Test
    void theOpenApi_namesItsServer_andSigV4AsApiGatewayDocumentsIt() throws Exception {
        JsonNode spec = new YAMLMapper().readTree(Path.of("..", "docs", "openapi.yaml").toFile());
        assertThat(spec.at("/servers/0/url").asText()).isEqualTo("https://{apiId}.execute-api.{region}.amazonaws.com");
        assertThat(template.at("/Outputs/PoolApiUrl/Value").asText())
                .isEqualTo("https://${PoolApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}");
        assertThat(spec.at("/components/securitySchemes/sigv4/x-amazon-apigateway-authtype").asText())
                .isEqualTo("awsSigv4");
    }

    /** With JWT, the read routes take the read scope (or the write one), the others only the write scope. */
    @Test
    void withJwt_theRoutesThatChangeOrEnforce_needTheWriteScope() {
        int routes = 0;
        for (var resource : template.path("Resources").properties()) {
            JsonNode route = resource.getValue();
            if (!route.path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                continue;
            }
            routes++;
            JsonNode scopes = route.at("/Properties/AuthorizationScopes"); // !If [UseJwt, [scopes], NoValue]
            assertThat(scopes.get(0).asText()).isEqualTo("UseJwt");
            String expected = route.at("/Properties/RouteKey").asText().startsWith("GET ")
                    ? "[\"JwtReadScope\",\"JwtWriteScope\"]" : "[\"JwtWriteScope\"]";
            assertThat(scopes.get(1).toString()).as(resource.getKey()).isEqualTo(expected);
        }
        assertThat(routes).isEqualTo(ApiRoute.values().length);
    }

    /** docs/api.md's IAM policies: the reader may call the GET routes only, the operator every route. */
    @Test
    void theDocumentedCallerPolicies_splitTheRoutesAsTheScopesDo() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "api.md"));
        Set<String> routes = new TreeSet<>();
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                String key = r.at("/Properties/RouteKey").asText();
                // "PUT /pools/{identifier}/retention" -> "<PoolApiExecuteArn>/PUT/pools/*/retention"
                routes.add("<PoolApiExecuteArn>/" + key.replace(" ", "").replaceAll("\\{\\w+}", "*"));
            }
        });
        Set<String> reads = new TreeSet<>(routes.stream().filter(r -> r.contains("/GET/")).toList());
        assertThat(policyResources(doc, "**Reader**")).isEqualTo(reads);
        assertThat(policyResources(doc, "**Operator**")).isEqualTo(routes);
        assertThat(template.at("/Outputs/PoolApiExecuteArn/Value").asText()).endsWith("${PoolApi}/$default");
    }

    private static Set<String> policyResources(String doc, String heading) throws Exception {
        Matcher block = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc.substring(doc.indexOf(heading)));
        assertThat(block.find()).as(heading).isTrue();
        JsonNode policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(block.group(1));
        assertThat(policy.at("/Statement/0/Action").asText()).isEqualTo("execute-api:Invoke");
        Set<String> resources = new TreeSet<>();
        policy.at("/Statement/0/Resource").forEach(r -> resources.add(r.asText()));
        return resources;
    }

    /** Every invocation is traced by X-Ray (docs/operations.md). */
    @Test
    void everyFunction_isTraced() {
        assertThat(template.at("/Globals/Function/Tracing").asText()).isEqualTo("Active");
        for (String name : FUNCTIONS) {
            assertThat(template.at("/Resources/" + name + "/Properties").has("Tracing")).as(name).isFalse();
        }
    }
}
