package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.lambda.LocalFunction.Invocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who made a drift, on the functions `sam build` produced: CloudTrail's record of a pool API call
 * (in the shape AWS documents, from events/) and the aws.chime state change, in either order, each
 * delivered more than once; the guard's own calls; and credentials in a record, which must end up
 * nowhere.
 */
class AttributionEndToEndTest {

    private static final String JANE = "arn:aws:sts::123456789012:assumed-role/Admin/jane";

    private final BuiltStack stack = BuiltStack.get();

    @BeforeEach
    void freshFleet() {
        stack.chime.reset();
        stack.tap.drain();
    }

    /** CloudTrail's record of an Update of {@code pool} to {@code hours}, made now by {@code principal} of {@code role}. */
    private ObjectNode cloudTrailUpdate(String pool, int hours, String principal, String role) throws IOException {
        ObjectNode event = (ObjectNode) BuiltStack.JSON.readTree(BuiltStack.sample("cloudtrail-update-pool.json", null));
        event.put("id", UUID.randomUUID().toString());
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventID", UUID.randomUUID().toString());
        detail.put("eventTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ((ObjectNode) detail.get("requestParameters")).put("identifier", pool);
        ((ObjectNode) detail.at("/requestParameters/StreamConfiguration")).put("DataRetentionInHours", hours);
        ObjectNode answer = (ObjectNode) detail.at("/responseElements/KinesisVideoStreamPoolConfiguration");
        answer.put("PoolArn", stack.arn(pool)).put("PoolName", pool);
        ((ObjectNode) answer.get("StreamConfiguration")).put("DataRetentionInHours", hours);
        ObjectNode identity = (ObjectNode) detail.get("userIdentity");
        identity.put("arn", principal);
        ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", role);
        return event;
    }

    private Invocation deliver(JsonNode event) {
        Invocation run = stack.enforcer.invoke(event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run.failed()).as(run.payloadText()).isFalse();
        return run;
    }

    private Invocation updated(String pool) {
        Invocation run = stack.enforcer.invoke(BuiltStack.sample("pool-updated.json", stack.arn(pool)));
        assertThat(run.failed()).as(run.payloadText()).isFalse();
        return run;
    }

    /** A pool the guard has seen within policy. */
    private void governed(String pool) {
        stack.chime.seed(EmulatedPool.active(pool, 168));
        updated(pool);
        stack.tap.drain();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String detailType) {
        return events.stream().filter(e -> e.path("detail-type").asText().equals(detailType)).toList();
    }

    @Test
    void theCallsRecordFirst_thenTheStateChange_yieldsADriftNamingThePrincipal_andDuplicatesChangeNothing()
            throws Exception {
        governed("attr-first");
        stack.chime.seed(EmulatedPool.active("attr-first", 5000)); // jane's Update
        ObjectNode call = cloudTrailUpdate("attr-first", 5000, JANE, "arn:aws:iam::123456789012:role/Admin");

        deliver(call);
        deliver(call.deepCopy().put("id", UUID.randomUUID().toString())); // delivered again
        updated("attr-first");
        updated("attr-first");

        List<JsonNode> events = stack.tap.drain();
        assertThat(ofType(events, "Pool Retention Drifted")).singleElement().satisfies(drift -> {
            assertThat(drift.at("/detail/changedBy/arn").asText()).isEqualTo(JANE);
            assertThat(drift.at("/detail/changedBy/sessionIssuerArn").asText())
                    .isEqualTo("arn:aws:iam::123456789012:role/Admin");
            assertThat(drift.at("/detail/changedBy/sourceIpAddress").asText()).isEqualTo("198.51.100.7");
            assertThat(drift.at("/detail/changedBy/requestedRetentionHours").asInt()).isEqualTo(5000);
            assertThat(drift.at("/detail/changedBy/cloudTrailEventId").asText())
                    .isEqualTo(call.at("/detail/eventID").asText());
            assertThat(drift.at("/detail/actor/principal").asText()).as("who, in the shape every event uses")
                    .isEqualTo(JANE);
            assertThat(drift.at("/detail/actor/via").asText()).isEqualTo("cloudtrail");
            assertThat(drift.at("/detail/actor/sessionIssuerArn").asText())
                    .isEqualTo("arn:aws:iam::123456789012:role/Admin");
        });
        assertThat(ofType(events, "Pool Drift Attributed")).isEmpty();
        assertThat(stack.pool("attr-first").dataRetentionInHours()).isEqualTo(720);
    }

    @Test
    void theStateChangeFirst_thenTheCallsRecord_yieldsTheDrift_thenOneAttribution_howeverOftenEitherComes()
            throws Exception {
        governed("attr-late");
        stack.chime.seed(EmulatedPool.active("attr-late", 5000));

        updated("attr-late");
        updated("attr-late");
        ObjectNode call = cloudTrailUpdate("attr-late", 5000, JANE, "arn:aws:iam::123456789012:role/Admin");
        deliver(call);
        deliver(call.deepCopy().put("id", UUID.randomUUID().toString()));
        deliver(call);

        List<JsonNode> events = stack.tap.drain();
        JsonNode drift = ofType(events, "Pool Retention Drifted").getFirst();
        assertThat(ofType(events, "Pool Retention Drifted")).hasSize(1);
        assertThat(drift.at("/detail/changedBy").isMissingNode()).isTrue();
        assertThat(drift.at("/detail/actor").isMissingNode()).as("not known yet: absent, not null").isTrue();
        assertThat(ofType(events, "Pool Drift Attributed")).singleElement().satisfies(attributed -> {
            assertThat(attributed.at("/detail/driftEventId").asText()).isEqualTo(drift.at("/detail/eventId").asText());
            assertThat(attributed.at("/detail/changedBy/arn").asText()).isEqualTo(JANE);
            assertThat(attributed.at("/detail/actor/principal").asText()).isEqualTo(JANE);
            assertThat(attributed.at("/detail/retentionHours").asInt()).isEqualTo(5000);
            assertThat(attributed.at("/detail/trigger/kind").asText()).isEqualTo("api-call");
        });
        // the attribution comes after the drift it names
        assertThat(events.indexOf(drift)).isLessThan(events.indexOf(ofType(events, "Pool Drift Attributed").getFirst()));
    }

    @Test
    void theGuardsOwnUpdate_isNoDrift_andIsNotRecordedAsSomeoneElsesCall() throws Exception {
        stack.chime.seed(EmulatedPool.active("attr-own", 5000));
        updated("attr-own"); // the guard sets it to 720
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isEqualTo(1);
        // the role ARN the functions are told is theirs (locally, the SAM CLI's stand-in for it)
        String ownRole = stack.spec.function("RetentionEnforcerFunction").environment().get("GUARD_ROLES")
                .split(",")[0];
        ObjectNode own = cloudTrailUpdate("attr-own", 720,
                "arn:aws:sts::123456789012:assumed-role/local-RetentionEnforcerFunctionRole-1A2B3C/enforcer", ownRole);
        stack.tap.drain();

        deliver(own);
        updated("attr-own");

        assertThat(ofType(stack.tap.drain(), "Pool Retention Drifted")).isEmpty();
        assertThat(stateItems()).noneMatch(item -> item.contains("local-RetentionEnforcerFunctionRole"));
        assertThat(stack.chime.count(Operation.UPDATE_POOL).calls()).isEqualTo(1);
    }

    @Test
    void credentialsInACallsRecord_endUpNowhere_inState_history_logs_orEvents() throws Exception {
        governed("attr-creds");
        stack.chime.seed(EmulatedPool.active("attr-creds", 5000));
        ObjectNode call = cloudTrailUpdate("attr-creds", 5000, JANE, "arn:aws:iam::123456789012:role/Admin");
        ObjectNode identity = (ObjectNode) call.at("/detail/userIdentity");
        identity.put("accessKeyId", "ASIACREDENTIALLEAK01");
        identity.put("sessionToken", "FwoGZXIvYXdzLEAKEDSESSIONTOKEN");
        identity.put("secretAccessKey", "wJalrXUtnLEAKEDSECRETKEY");
        ((ObjectNode) call.at("/detail/requestParameters")).put("X-Amz-Security-Token", "IQoJLEAKEDREQUESTTOKEN");
        ((ObjectNode) call.at("/detail")).put("additionalEventData", "Authorization: AWS4-HMAC-SHA256 LEAKEDSIG");

        updated("attr-creds");
        deliver(call);

        List<JsonNode> events = stack.tap.drain();
        assertThat(ofType(events, "Pool Drift Attributed")).hasSize(1);
        List<String> leaks = List.of("ASIACREDENTIALLEAK01", "LEAKEDSESSIONTOKEN", "LEAKEDSECRETKEY",
                "LEAKEDREQUESTTOKEN", "LEAKEDSIG", "AROAEXAMPLEROLEID0001", "ASIAEXAMPLEKEYID0001");
        for (String leak : leaks) {
            assertThat(stateItems()).as("state and history hold no " + leak).noneMatch(i -> i.contains(leak));
            assertThat(events).as("events hold no " + leak).noneMatch(e -> e.toString().contains(leak));
            assertThat(stack.logLines()).as("logs hold no " + leak).noneMatch(l -> l.contains(leak));
        }
        assertThat(stateItems()).as("the call is recorded").anyMatch(i -> i.contains(JANE));
    }

    /** Every item of the state table (pool records, calls, history), as text. */
    private List<String> stateItems() {
        return stack.aws.dynamoDbClient.scanPaginator(r -> r.tableName(stack.stack.get("STATE_TABLE_NAME")))
                .items().stream().map(Object::toString).toList();
    }
}
