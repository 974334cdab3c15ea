package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.EnforcementRunCompleted;
import kvspoolguard.core.events.EventDetail;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolExemptionEnded;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.PoolRetentionEnforced;
import kvspoolguard.core.events.PoolRetentionViolation;
import kvspoolguard.core.events.RecordedCall;
import kvspoolguard.core.events.RunCounts;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.Transition;
import kvspoolguard.testing.Pools;
import org.junit.jupiter.api.Test;

/** Which events a transition, an outcome and a run report, and when two of them are one fact (one id). */
class RunEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Trigger TRIGGER = new Trigger(Trigger.Kind.SCHEDULE, "run-1");
    private static final Function<Transition.Change, RecordedCall> NO_ACTOR = change -> null;

    private static Observation seen(int hours, Instant at) {
        return Observation.of(Pools.active("p", hours), at);
    }

    @Test
    void forTransition_sameFactTwice_hasTheSameId_andAnotherFactAnother() {
        Transition drift = Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(60)));

        List<EventDetail> once = drift.reported(TRIGGER.triggeredBy(), NO_ACTOR);
        List<EventDetail> again = drift.reported(new Trigger(Trigger.Kind.API, "other").triggeredBy(), NO_ACTOR);
        List<EventDetail> later = Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(61)))
                .reported(TRIGGER.triggeredBy(), NO_ACTOR);

        assertThat(once).singleElement().isInstanceOfSatisfying(PoolRetentionDrifted.class, e -> {
            assertThat(e.previousRetentionHours()).isEqualTo(48);
            assertThat(e.retentionHours()).isEqualTo(5000);
            assertThat(e.actor()).isNull();
        });
        assertThat(again.getFirst().eventId()).isEqualTo(once.getFirst().eventId());
        assertThat(later.getFirst().eventId()).isNotEqualTo(once.getFirst().eventId());
    }

    @Test
    void forTransition_aDriftWhoseCallIsKnown_namesIt_underTheSameId_andAStandingAloneSendsNothing() {
        Transition drift = Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(60)));
        PoolCall call = PoolCall.builder("ct-1", PoolCall.Action.UPDATE, PoolRef.fromArn(Pools.active("p", 1).arn()))
                .actor(Actor.recorded("arn:aws:sts::123456789012:assumed-role/Admin/jane").sourceIpAddress("198.51.100.7").userAgent("cli").build())
                .requestedHours(5000).at(T0.plusSeconds(30)).build();

        var named = (PoolRetentionDrifted) drift.reported(TRIGGER.triggeredBy(), t -> call.changedBy()).getFirst();

        assertThat(named.actor()).isEqualTo(call.actor());
        assertThat(named.changedBy()).isEqualTo(RecordedCall.by(Actor.recorded(
                "arn:aws:sts::123456789012:assumed-role/Admin/jane").sourceIpAddress("198.51.100.7").userAgent("cli")
                .build()).eventTime(T0.plusSeconds(30)).requestedRetentionHours(5000).cloudTrailEventId("ct-1").build());
        assertThat(named.eventId()).isEqualTo(drift.reported(TRIGGER.triggeredBy(), NO_ACTOR).getFirst().eventId());
        Transition standing = Transition.between(seen(48, T0), seen(48, T0.plusSeconds(1))
                .withStanding(new Standing(Standing.Kind.EXEMPT, null)));
        assertThat(standing.changes()).containsExactlyInAnyOrder(Transition.Change.STANDING,
                Transition.Change.EXEMPTION_STARTED);
        assertThat(standing.reported(TRIGGER.triggeredBy(), t -> call.changedBy()))
                .as("a start is reported with the outcome that says why").isEmpty();
    }

    @Test
    void forTransition_anExemptionThatEnds_isReportedOnce_namingWhoUntagged_andNoneBeginsFromAnUnjudgedSight() {
        Standing exempt = new Standing(Standing.Kind.EXEMPT, null);
        Standing compliant = new Standing(Standing.Kind.COMPLIANT, "default");
        PoolCall untag = PoolCall.builder("ct-9", PoolCall.Action.UNTAG, PoolRef.fromArn(Pools.active("p", 1).arn()))
                .actor(Actor.recorded("arn:aws:sts::123456789012:assumed-role/Owner/sam").build())
                .at(T0.plusSeconds(30)).build();
        Transition ended = Transition.between(seen(48, T0).withStanding(exempt),
                seen(48, T0.plusSeconds(60)).withStanding(compliant));

        var event = (PoolExemptionEnded) ended.reported(TRIGGER.triggeredBy(),
                change -> change == Transition.Change.EXEMPTION_ENDED ? untag.changedBy() : null).getFirst();

        assertThat(ended.changes()).containsExactlyInAnyOrder(Transition.Change.STANDING,
                Transition.Change.EXEMPTION_ENDED);
        assertThat(event.rule()).isEqualTo("default");
        assertThat(event.actor().principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Owner/sam");
        assertThat(untag.retags(T0, T0.plusSeconds(60))).isTrue();
        assertThat(untag.retags(T0.plusSeconds(120), T0.plusSeconds(180))).as("before the sight before").isFalse();
        assertThat(Transition.between(seen(48, T0), seen(48, T0.plusSeconds(1)).withStanding(compliant)).changes())
                .as("never judged before: nothing ends").containsExactly(Transition.Change.STANDING);
        Standing heldToLimits = new Standing(Standing.Kind.CHANGED, RetentionPolicy.LIMITS_RULE);
        assertThat(Transition.between(seen(87_600, T0).withStanding(exempt), seen(87_600, T0.plusSeconds(1))
                .withStanding(heldToLimits)).changes()).as("brought within the limits, still exempt by its tag")
                .containsExactly(Transition.Change.STANDING);
    }

    @Test
    void forTransition_violationChanges_areLeftToTheOutcome() {
        Transition t = Transition.between(seen(48, T0), seen(48, T0.plusSeconds(1)).withViolation("DRY_RUN->24"));

        assertThat(t.changes()).containsExactly(Transition.Change.VIOLATION);
        assertThat(t.reported(TRIGGER.triggeredBy(), NO_ACTOR)).isEmpty();
    }

    @Test
    void violation_namesTheReasonAndTheTarget_onlyForUnfixedChanges() {
        PoolRef ref = PoolRef.fromArn(Pools.active("p", 1).arn());
        assertThat(PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(9000, 720)).because("cap").violation())
                .isEqualTo("CAP_REACHED->720");
        assertThat(PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change(9000, 720)).violation())
                .as("the published name of a failed update").isEqualTo("UPDATE_FAILED->720");
        assertThat(PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change(9000, 720)).violation()).isNull();
        assertThat(PoolOutcome.unread(ref, PoolOutcome.Kind.FAILED, "unreadable").violation()).as("never judged").isNull();
    }

    @Test
    void perPoolEvents_ofOneRun_shareAnIdOnlyWhenTheyStateTheSame() {
        PoolRef ref = PoolRef.fromArn(Pools.active("p", 1).arn());
        PoolOutcome failed = PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change(9000, 720))
                .because("update failed: throttled").seen(Pools.active("p", 9000), T0);
        PoolOutcome capped = PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(9000, 720))
                .because("update cap of 1 reached").seen(Pools.active("p", 9000), T0);
        PoolOutcome due = PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change(9000, 720));

        PoolRetentionViolation first = failed.violationEvent("run-1", TRIGGER);

        assertThat(first.reason()).isEqualTo("UPDATE_FAILED");
        assertThat(first.status()).isEqualTo(PoolStatus.ACTIVE);
        assertThat(failed.violationEvent("run-1", TRIGGER).eventId())
                .as("the same fact, reported again").isEqualTo(first.eventId());
        assertThat(capped.violationEvent("run-1", TRIGGER).eventId())
                .as("another reason in the same run").isNotEqualTo(first.eventId());
        assertThat(failed.because("update failed: unavailable").violationEvent("run-1", TRIGGER).eventId())
                .as("another message").isNotEqualTo(first.eventId());
        assertThat(PoolRetentionEnforced.of("run-1", due.poolChange(), TRIGGER.triggeredBy()).eventId())
                .as("another change")
                .isNotEqualTo(PoolRetentionEnforced.of("run-1", PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED,
                        change(5000, 720)).poolChange(), TRIGGER.triggeredBy()).eventId());
    }

    @Test
    void runCompleted_countsEveryKind() {
        PoolRef ref = PoolRef.fromArn(Pools.active("p", 1).arn());
        RunReport report = RunReport.builder("run-1", T0).finishedAt(T0.plusSeconds(2)).policySource("defaults").policyVersion("defaults")
                .outcomes(List.of(PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(1, 24)))).build();
        RunRecord run = RunRecord.started(new RunOptions("run-1", false, UpdateCap.NONE), Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(60))
                .shardsTotal(1).build()
                .completed(report);

        EnforcementRunCompleted event = run.completedEvent(new EnforcementRunCompleted.PolicyRead("defaults",
                "defaults"), null, TRIGGER);

        assertThat(event.updateCap()).isNull();
        assertThat(event.capReached()).isTrue();
        assertThat(event.pools()).isEqualTo(1);
        assertThat(event.trigger()).isEqualTo(new TriggeredBy("schedule", "run-1"));
        assertThat(event.counts()).isEqualTo(RunCounts.builder().capReached(1).build());
        assertThat(new GuardEvent(T0, event).resources()).isEmpty();
    }

    @Test
    void aRunsCounts_comeInTheOutcomesOrder_onEveryJvm() {
        java.util.Map<PoolOutcome.Kind, Integer> scrambled = new java.util.LinkedHashMap<>();
        scrambled.put(PoolOutcome.Kind.FAILED, 1);
        scrambled.put(PoolOutcome.Kind.COMPLIANT, 5);
        scrambled.put(PoolOutcome.Kind.DEFERRED, 2);
        RunRecord run = RunRecord.builder().runId("run-1").status(RunRecord.Status.COMPLETED)
                .trigger(Trigger.Kind.SCHEDULE).startedAt(T0).deadline(T0.plusSeconds(60)).finishedAt(T0.plusSeconds(2))
                .shardsTotal(1).shardsDone(1).counts(scrambled).build();

        assertThat(run.counts().keySet()).containsExactly(PoolOutcome.Kind.COMPLIANT, PoolOutcome.Kind.DEFERRED,
                PoolOutcome.Kind.FAILED);
    }

    private static Verdict.Change change(int fromHours, int toHours) {
        return Verdict.Change.builder().fromHours(fromHours).toHours(toHours).rule("default")
                .bounds(Bounds.between(24, 720)).build();
    }
}
