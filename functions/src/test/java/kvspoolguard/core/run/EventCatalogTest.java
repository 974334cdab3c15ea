package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kvspoolguard.core.attribution.Actor;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.Transition;
import kvspoolguard.testing.Pools;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Trigger TRIGGER = new Trigger(Trigger.Kind.SCHEDULE, "run-1");
    private static final Function<Transition, PoolCall> NO_ACTOR = t -> null;

    private static Observation seen(int hours, Instant at) {
        return Observation.of(Pools.active("p", hours), at);
    }

    @Test
    void forTransition_sameFactTwice_hasTheSameId_andAnotherFactAnother() {
        Transition drift = Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(60)));

        List<GuardEvent> once = EventCatalog.forTransition(drift, TRIGGER, NO_ACTOR);
        List<GuardEvent> again = EventCatalog.forTransition(drift, new Trigger(Trigger.Kind.API, "other"), NO_ACTOR);
        List<GuardEvent> later = EventCatalog.forTransition(
                Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(61))), TRIGGER, NO_ACTOR);

        assertThat(once).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.POOL_RETENTION_DRIFTED);
            assertThat(e.detail()).containsEntry("previousRetentionHours", 48).containsEntry("retentionHours", 5000);
            assertThat(e.detail().get("eventId")).isEqualTo(e.eventId());
        });
        assertThat(again.getFirst().eventId()).isEqualTo(once.getFirst().eventId());
        assertThat(later.getFirst().eventId()).isNotEqualTo(once.getFirst().eventId());
    }

    @Test
    void forTransition_aDriftWhoseCallIsKnown_namesIt_underTheSameId_andAStandingAloneSendsNothing() {
        Transition drift = Transition.between(seen(48, T0), seen(5000, T0.plusSeconds(60)));
        PoolCall call = new PoolCall("ct-1", PoolCall.Action.UPDATE, PoolRef.fromArn(Pools.active("p", 1).arn()),
                new Actor("arn:aws:sts::123456789012:assumed-role/Admin/jane", null, "198.51.100.7", "cli"), 5000,
                T0.plusSeconds(30), null);

        GuardEvent named = EventCatalog.forTransition(drift, TRIGGER, t -> call).getFirst();

        assertThat(named.detail().get("changedBy")).isEqualTo(call.changedBy());
        assertThat(call.changedBy()).containsEntry("cloudTrailEventId", "ct-1").containsEntry("eventTime",
                "2026-11-21T10:00:30Z").containsEntry("sessionIssuerArn", null);
        assertThat(named.eventId()).isEqualTo(EventCatalog.forTransition(drift, TRIGGER, NO_ACTOR).getFirst().eventId());
        Transition standing = Transition.between(seen(48, T0), seen(48, T0.plusSeconds(1))
                .withStanding(new Standing(Standing.Kind.EXEMPT, null)));
        assertThat(standing.changes()).containsExactly(Transition.Change.STANDING);
        assertThat(EventCatalog.forTransition(standing, TRIGGER, t -> call)).isEmpty();
    }

    @Test
    void forTransition_violationChanges_areLeftToTheOutcome() {
        Transition t = Transition.between(seen(48, T0), seen(48, T0.plusSeconds(1)).withViolation("DRY_RUN->24"));

        assertThat(t.changes()).containsExactly(Transition.Change.VIOLATION);
        assertThat(EventCatalog.forTransition(t, TRIGGER, NO_ACTOR)).isEmpty();
    }

    @Test
    void violationOf_namesTheReasonAndTheTarget_onlyForUnfixedChanges() {
        PoolRef ref = new PoolRef("123456789012", "us-east-1", "p", Pools.active("p", 1).arn());
        assertThat(EventCatalog.violationOf(PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(9000, 720))
                .because("cap"))).isEqualTo("CAP_REACHED->720");
        assertThat(EventCatalog.violationOf(PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change(9000, 720)))).isNull();
        assertThat(EventCatalog.violationOf(PoolOutcome.unread(ref, PoolOutcome.Kind.FAILED, "unreadable"))).as("never judged").isNull();
    }

    @Test
    void perPoolEvents_ofOneRun_shareAnIdOnlyWhenTheyStateTheSame() {
        PoolRef ref = new PoolRef("123456789012", "us-east-1", "p", Pools.active("p", 1).arn());
        PoolOutcome failed = PoolOutcome.of(ref, PoolOutcome.Kind.FAILED, change(9000, 720))
                .because("update failed: throttled").seen(Pools.active("p", 9000), T0);
        PoolOutcome capped = PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(9000, 720))
                .because("update cap of 1 reached").seen(Pools.active("p", 9000), T0);
        PoolOutcome due = PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change(9000, 720));

        GuardEvent first = EventCatalog.violation(failed, "run-1", TRIGGER, T0);

        assertThat(EventCatalog.violation(failed, "run-1", TRIGGER, T0.plusSeconds(26)).eventId())
                .as("the same fact, reported again later").isEqualTo(first.eventId());
        assertThat(EventCatalog.violation(capped, "run-1", TRIGGER, T0.plusSeconds(26)).eventId())
                .as("another reason in the same run").isNotEqualTo(first.eventId());
        assertThat(EventCatalog.violation(failed.because("update failed: unavailable"), "run-1", TRIGGER, T0).eventId())
                .as("another message").isNotEqualTo(first.eventId());
        assertThat(EventCatalog.enforced(due, "run-1", TRIGGER, T0).eventId())
                .as("the intent's report and the published one")
                .isEqualTo(EventCatalog.enforced(due, "run-1", TRIGGER, T0.plusSeconds(1)).eventId())
                .isNotEqualTo(EventCatalog.enforced(PoolOutcome.of(ref, PoolOutcome.Kind.ENFORCED, change(5000, 720)),
                        "run-1", TRIGGER, T0).eventId());
    }

    @Test
    void runCompleted_countsEveryKind_inCamelCase() {
        PoolRef ref = new PoolRef("123456789012", "us-east-1", "p", Pools.active("p", 1).arn());
        RunReport report = new RunReport("run-1", T0, T0.plusSeconds(2), false, "defaults", "defaults",
                Integer.MAX_VALUE, List.of(PoolOutcome.of(ref, PoolOutcome.Kind.CAP_REACHED, change(1, 24))), List.of());
        RunRecord run = RunRecord.started("run-1", Trigger.Kind.SCHEDULE, false, T0, T0.plusSeconds(60), 1)
                .completed(report);

        GuardEvent event = EventCatalog.runCompleted(run, "defaults", "defaults", null, TRIGGER);

        assertThat(event.detail()).containsEntry("updateCap", null).containsEntry("capReached", true)
                .containsEntry("pools", 1)
                .containsEntry("trigger", Map.of("kind", "schedule", "id", "run-1"));
        assertThat(event.detail().get("counts")).isEqualTo(Map.of("compliant", 0, "exempt", 0, "enforced", 0,
                "dryRun", 0, "deferred", 0, "capReached", 1, "failed", 0));
        assertThat(event.resources()).isEmpty();
        assertThat(((Map<String, ?>) event.detail().get("trigger")).keySet()).as("docs/events.md's order")
                .containsExactly("kind", "id");
    }

    private static Verdict.Change change(int fromHours, int toHours) {
        return new Verdict.Change(fromHours, toHours, "default", Bounds.between(24, 720));
    }
}
