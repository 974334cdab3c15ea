package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.e2e.SoakLedger.Fact;
import kvspoolguard.e2e.SoakLedger.Kind;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.PoolChange.Cause;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The soak's judge, on hand-made histories: each figure counts what it says, and only that. */
class SoakLedgerTest {

    private static final String A = "arn:aws:chime:us-east-1:111122223333:media-pipeline-kinesis-video-stream-pool/a";
    private static final String EXEMPT = "arn:aws:chime:us-east-1:111122223333:media-pipeline-kinesis-video-stream-pool/x";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final List<PoolChange> changes = new ArrayList<>();

    /**
     * a: seeded above policy, enforced (UPDATING, then ACTIVE), flipped by an outsider to UPDATING
     * at 5000 h and back to ACTIVE.
     */
    private void history() {
        change(A, PoolStatus.ACTIVE, 5000, Cause.SEED);
        change(A, PoolStatus.UPDATING, 720, Cause.API);
        change(A, PoolStatus.ACTIVE, 720, Cause.TRANSITION);
        change(A, PoolStatus.UPDATING, 48, Cause.SEED);
        change(A, PoolStatus.ACTIVE, 48, Cause.SEED);
    }

    private List<JsonNode> everyFactOnce() {
        return new ArrayList<>(List.of(
                event("e1", "Pool Status Changed", A, Map.of("change", "DISCOVERED")),
                event("e2", "Pool Retention Enforced", A, Map.of("fromHours", 5000, "toHours", 720)),
                event("e4", "Pool Status Changed", A,
                        Map.of("change", "STATUS_CHANGED", "previousStatus", "ACTIVE", "status", "UPDATING")),
                event("e5", "Pool Retention Drifted", A, Map.of("previousRetentionHours", 720, "retentionHours", 48)),
                event("e6", "Pool Status Changed", A,
                        Map.of("change", "STATUS_CHANGED", "previousStatus", "UPDATING", "status", "ACTIVE")),
                event("e7", "Enforcement Run Completed", null, Map.of())));
    }

    @Test
    void everyChangeReportedOnce_nothingLostNothingUnexpected() {
        history();

        SoakLedger.Tally tally = ledger().tally(everyFactOnce(), List.of(), this::arnOf);

        assertThat(tally.facts()).isEqualTo(5);
        assertThat(tally.lostTransitions()).isZero();
        assertThat(tally.unexpectedEvents()).isZero();
        assertThat(tally.duplicateEventIds()).isZero();
    }

    @Test
    void aChangeWithNoEvent_isLost() {
        history();
        List<JsonNode> events = everyFactOnce();
        events.removeIf(e -> e.at("/detail/eventId").asText().equals("e5"));

        SoakLedger.Tally tally = ledger().tally(events, List.of(), this::arnOf);

        assertThat(tally.lostTransitions()).isEqualTo(1);
        assertThat(tally.lost()).containsExactly(new Fact(A, Kind.DRIFT, "720", "48"));
    }

    @Test
    void aChangeReportedUnderTwoIds_isUnexpected_whileTheSameIdTwiceIsADuplicate() {
        history();
        List<JsonNode> events = everyFactOnce();
        events.add(event("e5", "Pool Retention Drifted", A, Map.of("previousRetentionHours", 720, "retentionHours", 48)));
        events.add(event("e5-again", "Pool Retention Drifted", A,
                Map.of("previousRetentionHours", 720, "retentionHours", 48)));

        SoakLedger.Tally tally = ledger().tally(events, List.of(), this::arnOf);

        assertThat(tally.duplicateEventIds()).isEqualTo(1);
        assertThat(tally.conflictingDuplicates()).isZero();
        assertThat(tally.unexpectedEvents()).isEqualTo(1);
        assertThat(tally.lostTransitions()).isZero();
    }

    @Test
    void oneIdWithAnotherDetail_isAConflict_keptWithBothEvents() {
        history();
        List<JsonNode> events = everyFactOnce();
        JsonNode failed = event("v1", "Pool Retention Violation", A, Map.of("reason", "UPDATE_FAILED"));
        JsonNode capped = event("v1", "Pool Retention Violation", A, Map.of("reason", "CAP_REACHED"));
        events.addAll(List.of(failed, failed, capped));

        SoakLedger.Tally tally = ledger().tally(events, List.of(), this::arnOf);

        assertThat(tally.duplicateEventIds()).isEqualTo(2);
        assertThat(tally.conflictingDuplicates()).isEqualTo(1);
        assertThat(tally.conflicts()).containsExactly(new SoakLedger.Conflict("v1", failed, capped));
    }

    @Test
    void theUpdatingAnUpdateCausesAndItsEnd_mayBeReportedOnce_notTwice() {
        history();
        List<JsonNode> events = everyFactOnce();
        events.add(event("e8", "Pool Status Changed", A,
                Map.of("change", "STATUS_CHANGED", "previousStatus", "ACTIVE", "status", "UPDATING")));
        events.add(event("e3", "Pool Status Changed", A,
                Map.of("change", "STATUS_CHANGED", "previousStatus", "UPDATING", "status", "ACTIVE")));
        assertThat(ledger().tally(events, List.of(), this::arnOf).unexpectedEvents()).isZero();

        events.add(event("e9", "Pool Status Changed", A,
                Map.of("change", "STATUS_CHANGED", "previousStatus", "ACTIVE", "status", "UPDATING")));
        assertThat(ledger().tally(events, List.of(), this::arnOf).unexpectedEvents()).isEqualTo(1);
    }

    @Test
    void aChangeReportedAsTheWrongKind_isBothLostAndUnexpected() {
        history();
        List<JsonNode> events = everyFactOnce();
        events.removeIf(e -> e.at("/detail/eventId").asText().equals("e2"));
        events.add(event("e2", "Pool Retention Drifted", A, Map.of("previousRetentionHours", 5000, "retentionHours", 720)));

        SoakLedger.Tally tally = ledger().tally(events, List.of(), this::arnOf);

        assertThat(tally.lost()).containsExactly(new Fact(A, Kind.ENFORCE, "5000", "720"));
        assertThat(tally.unexpected()).containsExactly(new Fact(A, Kind.DRIFT, "5000", "720"));
    }

    @Test
    void updates_areRedundantWhenThePoolWasCompliant_andToNonActiveWhenItWasNotActive() {
        history();
        change(EXEMPT, PoolStatus.ACTIVE, 9000, Cause.SEED);
        List<RecordedRequest> requests = List.of(
                update(A, T0.plusSeconds(0), 200),     // 5000 h, ACTIVE: due
                update(A, T0.plusSeconds(1), 409),     // UPDATING to 720 h: both
                update(A, T0.plusSeconds(2), 200),     // ACTIVE at 720 h: redundant
                update(A, T0.plusSeconds(3), 409),     // the outsider's UPDATING at 48 h: both
                update(EXEMPT, T0.plusSeconds(5), 200) // exempt: redundant
        );

        SoakLedger.Tally tally = ledger().tally(List.of(), requests, this::arnOf);

        assertThat(tally.updateRequests()).isEqualTo(5);
        assertThat(tally.redundantUpdates()).isEqualTo(4);
        assertThat(tally.updatesToNonActive()).isEqualTo(2);
    }

    private SoakLedger ledger() {
        return new SoakLedger(changes, EXEMPT::equals, 24, 720);
    }

    private void change(String arn, PoolStatus status, Integer hours, Cause cause) {
        int n = changes.size();
        changes.add(new PoolChange(n + 1, T0.plusSeconds(n), arn, status, hours, cause));
    }

    private String arnOf(String account, String region, String name) {
        return "arn:aws:chime:" + region + ":" + account + ":media-pipeline-kinesis-video-stream-pool/" + name;
    }

    /** An Update request received 1 ms after {@code at}; pool a by its encoded ARN, the others by name. */
    private static RecordedRequest update(String arn, Instant at, int status) {
        String identifier = arn.equals(A) ? java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8)
                : arn.substring(arn.lastIndexOf('/') + 1);
        return new RecordedRequest(0, at.plusMillis(1), "PUT", "/media-pipeline-kinesis-video-stream-pools/" + identifier,
                null, Map.of(), "{}", Operation.UPDATE_POOL, "us-east-1", "111122223333",
                status);
    }

    private static JsonNode event(String id, String type, String arn, Map<String, Object> fields) {
        ObjectNode event = BuiltStack.JSON.createObjectNode().put("detail-type", type).put("source", "kvs-pool-guard");
        ObjectNode detail = event.putObject("detail").put("eventId", id);
        if (arn != null) {
            detail.putObject("pool").put("arn", arn);
        }
        fields.forEach((k, v) -> detail.set(k, BuiltStack.JSON.valueToTree(v)));
        return event;
    }
}
