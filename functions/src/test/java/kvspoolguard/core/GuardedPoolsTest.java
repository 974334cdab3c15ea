package kvspoolguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.events.Actor;
import kvspoolguard.core.events.Caller;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolExemptionStarted;
import kvspoolguard.core.events.PoolRetentionChanged;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.Exemption;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.PolicyVersions;
import kvspoolguard.core.policy.PoolMatch;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Rule;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.run.DecreaseBudget;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.run.UpdateCap;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.testing.InMemoryCallLedger;
import kvspoolguard.testing.InMemoryDecreaseLedger;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.InMemoryPoolHistory;
import kvspoolguard.testing.InMemoryRunLedger;
import kvspoolguard.testing.InMemoryShardQueue;
import kvspoolguard.testing.InMemoryStateStore;
import kvspoolguard.testing.InvalidPolicySource;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.RecordingPublisher;
import org.junit.jupiter.api.Test;

class GuardedPoolsTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(Bounds.between(24, 720),
            ExemptTag.DEFAULT);
    private static final Caller OPERATOR = new Caller("iam", "arn:aws:iam::123456789012:role/operator");
    private static final Trigger REQUEST = new Trigger(Trigger.Kind.API, "req-1");

    private final InMemoryPoolDirectory pools = new InMemoryPoolDirectory();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingPublisher bus = new RecordingPublisher();

    private GuardedPools guarded(PolicySource policy) {
        Ports ports = TestPorts.over(new Fleet(pools, policy), state, bus);
        return new GuardedPools(new PoolVerdicts(ports.fleet(), 2, Clock.systemUTC()), ports.recording(), Clock.systemUTC());
    }

    private GuardedPools guarded() {
        return guarded(PolicySource.fixed(POLICY));
    }

    private static PoolRef named(String name) {
        return PoolRef.named(Pools.HOME, name);
    }

    @Test
    void change_withinPolicy_updatesOnce_andReportsWhoChangedIt() {
        pools.add(Pools.active("a", 720));

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("a"), 168, OPERATOR), REQUEST);

        assertThat(change).isInstanceOf(RetentionChange.Changed.class);
        assertThat(pools.updates).containsExactly("a=168");
        GuardEvent changed = bus.published.stream().filter(e -> e.type() == EventType.POOL_RETENTION_CHANGED)
                .findFirst().orElseThrow();
        assertThat(changed.detail()).isInstanceOfSatisfying(PoolRetentionChanged.class, e -> {
            assertThat(e.fromHours()).isEqualTo(720);
            assertThat(e.toHours()).isEqualTo(168);
            assertThat(e.rule()).isEqualTo("default");
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.changedBy()).isEqualTo(OPERATOR);
            assertThat(e.actor()).isEqualTo(Actor.of(OPERATOR));
        });
    }

    @Test
    void compliance_countsWhereEachPoolStoodWhenLastJudged_fromTheStateAlone() {
        pools.add(Pools.active("within", 168), Pools.active("above", 9000),
                Pools.pool("held", 9000, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1"),
                Pools.pool("busy", 9000, PoolStatus.UPDATING, Map.of(), "us-east-1"), Pools.active("broken", 1));
        pools.failUpdate("broken", PoolDirectoryException.Kind.UNAVAILABLE);
        InMemoryShardQueue queue = new InMemoryShardQueue();
        RetentionGuard guard = new RetentionGuard(new Ports(new Fleet(pools, PolicySource.fixed(POLICY)),
                TestPorts.recording(state, bus), new Runs(new InMemoryRunLedger(), queue)), 2, Clock.systemUTC());
        queue.sweep(guard.runs(), new Trigger(Trigger.Kind.SCHEDULE, "s1"),
                new RunOptions("s1", false, UpdateCap.NONE));
        guarded().inspect(named("within")); // a read judges nothing: the standing stays
        int describes = pools.describes.get();

        Compliance compliance = ((Answer.Done<Compliance>) guarded().compliance(shard -> true, null, 10_000)).value();

        assertThat(pools.describes).as("no pool is read").hasValue(describes);
        assertThat(compliance.pools()).extracting(p -> p.pool().name() + "=" + p.standing().kind() + "/"
                + p.standing().rule()).containsExactly("above=CHANGED/default", "broken=FAILING/default",
                "busy=DEFERRED/default", "held=EXEMPT/null", "within=COMPLIANT/default");
        assertThat(compliance.unjudged()).isZero();

        // the next sweep finds the changed pool compliant: so it stands now
        queue.sweep(guard.runs(), new Trigger(Trigger.Kind.SCHEDULE, "s2"),
                new RunOptions("s2", false, UpdateCap.NONE));
        Compliance after = ((Answer.Done<Compliance>) guarded().compliance(shard -> true, null, 10_000)).value();
        assertThat(after.totals()).containsEntry(Standing.Kind.COMPLIANT, 2).containsEntry(Standing.Kind.CHANGED, 0);
    }

    @Test
    void compliance_readsAPageOfRecordsAtATime_andSaysWhereTheNextStarts() {
        pools.add(Pools.active("a", 48), Pools.active("b", 48), Pools.active("c", 48));
        new RetentionGuard(TestPorts.over(new Fleet(pools, PolicySource.fixed(POLICY)), state, bus), 2, Clock.systemUTC())
                .enforce(pools.list(), new Trigger(Trigger.Kind.API, "r1"), new RunOptions("r1", false, UpdateCap.NONE));

        Compliance first = ((Answer.Done<Compliance>) guarded().compliance(shard -> true, null, 2)).value();
        Compliance second = ((Answer.Done<Compliance>) guarded().compliance(shard -> true, first.next(), 2)).value();

        assertThat(first.pools()).extracting(p -> p.pool().name()).containsExactly("a", "b");
        assertThat(first.next()).isEqualTo(pools.pool("b").arn());
        assertThat(second.pools()).extracting(p -> p.pool().name()).containsExactly("c");
        assertThat(second.next()).isNull();
    }

    @Test
    void compliance_countsAPoolWhoseRecordDoesNotDecode_apart_andTheOthersAsUsual() {
        pools.add(Pools.active("a", 48), Pools.active("b", 48));
        new RetentionGuard(TestPorts.over(new Fleet(pools, PolicySource.fixed(POLICY)), state, bus), 2, Clock.systemUTC())
                .enforce(pools.list(), new Trigger(Trigger.Kind.API, "r1"), new RunOptions("r1", false, UpdateCap.NONE));
        state.undecodable.add(pools.pool("b").arn());

        Compliance compliance = ((Answer.Done<Compliance>) guarded().compliance(shard -> true, null, 10_000)).value();

        assertThat(compliance.pools()).extracting(p -> p.pool().name()).containsExactly("a");
        assertThat(compliance.unreadable()).isEqualTo(1);
    }

    @Test
    void compliance_whenTheStateCannotBeRead_isRefused_asRecordsUnavailable() {
        state.scanFailure = new StateStoreException("table unavailable", null);

        assertThat(guarded().compliance(shard -> true, null, 10_000)).isInstanceOfSatisfying(Answer.Refused.class,
                r -> assertThat(r.problem()).isInstanceOf(Problem.RecordsUnavailable.class));
    }

    @Test
    void change_isRecorded_soTheUpdateItCausesIsNoDrift() {
        pools.add(Pools.active("a", 720));
        guarded().changeRetention(new RetentionRequest(named("a"), 168, OPERATOR), REQUEST);
        bus.published.clear();

        TriggerResult after = new RetentionGuard(TestPorts.over(new Fleet(pools, PolicySource.fixed(POLICY)), state, bus),
                2, Clock.systemUTC()).enforce(pools.list().getFirst(),
                new Trigger(Trigger.Kind.POOL_STATE_CHANGE, "updated-1"), new RunOptions("updated-1", false, UpdateCap.NONE));

        assertThat(after.published()).isEmpty();
    }

    @Test
    void change_outsideTheRule_isRefusedBeforeTheStatusIsConsidered() {
        pools.add(Pools.pool("busy", 720, PoolStatus.UPDATING, Map.of(), "us-east-1"));

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("busy"), 5000, OPERATOR), REQUEST);

        assertThat(change).isEqualTo(new RetentionChange.Refused(new Problem.OutsidePolicy(
                "5000 hours is outside the policy for pool busy: rule 'default' allows 24..720 hours"), null));
        assertThat(pools.updates).isEmpty();
        assertThat(bus.published).isEmpty();
    }

    @Test
    void change_ofAPoolNotActive_isRefused() {
        pools.add(Pools.pool("busy", 720, PoolStatus.UPDATING, Map.of(), "us-east-1"));

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("busy"), 48, OPERATOR), REQUEST);

        assertThat(change).isInstanceOfSatisfying(RetentionChange.Refused.class,
                r -> assertThat(r.problem()).isInstanceOf(Problem.PoolNotActive.class));
        assertThat(pools.updates).isEmpty();
    }

    @Test
    void change_ofAnExemptPool_takesAnyValue_andNamesNoRule() {
        pools.add(Pools.pool("held", 720, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1"));

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("held"), 87_600, OPERATOR), REQUEST);

        assertThat(change).isInstanceOf(RetentionChange.Changed.class);
        assertThat(bus.published).filteredOn(e -> e.type() == EventType.POOL_RETENTION_CHANGED).singleElement()
                .satisfies(e -> assertThat(((PoolRetentionChanged) e.detail()).rule()).isNull());
    }

    @Test
    void change_ofAnExemptPool_keepsWithinThePolicysLimits() {
        pools.add(Pools.pool("held", 720, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1"));
        GuardedPools guarded = guarded(PolicySource.fixed(RetentionPolicy.builder().defaults(Bounds.between(24, 720))
                .exemptTag(ExemptTag.DEFAULT).source("test").limits(Bounds.between(24, 2160)).build()));

        RetentionChange past = guarded.changeRetention(new RetentionRequest(named("held"), 87_600, OPERATOR), REQUEST);
        RetentionChange within = guarded.changeRetention(new RetentionRequest(named("held"), 2000, OPERATOR), REQUEST);

        assertThat(past).isInstanceOfSatisfying(RetentionChange.Refused.class, r -> assertThat(r.problem())
                .isInstanceOf(Problem.OutsidePolicy.class).extracting(Problem::message).asString()
                .contains("rule 'limits' allows 24..2160 hours"));
        assertThat(within).isInstanceOf(RetentionChange.Changed.class);
        assertThat(pools.updates).containsExactly("held=2000");
    }

    @Test
    void change_ofAPoolWhoseRuleOnUnitsCannotBeDecided_isRefused_andNothingIsUpdated() {
        pools.add(Pools.active("a", 720));
        Rule regulated = new Rule("regulated", PoolMatch.builder().organizationalUnits(List.of("ou-ab12-34cd56ef"))
                .build(), Bounds.between(2160, 8760));
        GuardedPools guarded = guarded(PolicySource.fixed(RetentionPolicy.builder().defaults(Bounds.between(24, 720))
                .rules(List.of(regulated)).source("test").build())); // a fleet with no organisation to read

        RetentionChange change = guarded.changeRetention(new RetentionRequest(named("a"), 168, OPERATOR), REQUEST);

        assertThat(change).isInstanceOfSatisfying(RetentionChange.Refused.class, r -> assertThat(r.problem())
                .isInstanceOf(Problem.PolicyUnavailable.class).extracting(Problem::message).asString()
                .isEqualTo("rule 'regulated' could not be decided: no organisation is read here"));
        assertThat(pools.updates).isEmpty();
    }

    @Test
    void change_downward_drawsOnTheDaysDecreaseBudget_upwardNever() {
        pools.add(Pools.active("a", 720), Pools.active("b", 720), Pools.active("c", 24));
        var ledger = new InMemoryDecreaseLedger();
        Recording recording = new Recording(state, bus, new Archive(new InMemoryPoolHistory(), new InMemoryCallLedger()),
                new DecreaseBudget(ledger, new UpdateCap(1, null)), PolicyVersions.NONE);
        GuardedPools guarded = new GuardedPools(new PoolVerdicts(new Fleet(pools, PolicySource.fixed(POLICY)), 2, Clock.systemUTC()),
                recording, Clock.systemUTC());

        RetentionChange first = guarded.changeRetention(new RetentionRequest(named("a"), 24, OPERATOR), REQUEST);
        RetentionChange second = guarded.changeRetention(new RetentionRequest(named("b"), 24, OPERATOR), REQUEST);
        RetentionChange up = guarded.changeRetention(new RetentionRequest(named("c"), 720, OPERATOR), REQUEST);

        assertThat(first).isInstanceOf(RetentionChange.Changed.class);
        assertThat(second).isInstanceOfSatisfying(RetentionChange.Refused.class, r -> {
            assertThat(r.problem()).isInstanceOfSatisfying(Problem.BudgetSpent.class, p -> {
                assertThat(p.message()).isEqualTo("decrease budget of 1 a day (MaxDecreasesPerDay) spent: b keeps 720 "
                        + "hours");
                assertThat(p.secondsLeft()).isBetween(1L, 86_400L);
            });
        });
        assertThat(up).isInstanceOf(RetentionChange.Changed.class);
        assertThat(pools.updates).containsExactly("a=24", "c=720");
    }

    @Test
    void change_ofAPoolListedExemptSinceItWasLastJudged_announcesTheStartOnce() {
        pools.add(Pools.active("legal-1", 720));
        GuardedPools first = guarded(); // judged, compliant, by a policy that lists nothing
        first.changeRetention(new RetentionRequest(named("legal-1"), 168, OPERATOR), REQUEST);
        GuardedPools guarded = guarded(PolicySource.fixed(RetentionPolicy.builder().defaults(Bounds.between(24, 720))
                .source("test").exemptions(List.of(new Exemption("123456789012", "audit", Instant.parse(
                        "2099-01-01T00:00:00Z")))).build()));

        guarded.changeRetention(new RetentionRequest(named("legal-1"), 87_600, OPERATOR), REQUEST);
        guarded.changeRetention(new RetentionRequest(named("legal-1"), 8_760, OPERATOR), REQUEST);

        assertThat(pools.updates).containsExactly("legal-1=168", "legal-1=87600", "legal-1=8760");
        assertThat(bus.published).filteredOn(e -> e.type() == EventType.POOL_EXEMPTION_STARTED).singleElement()
                .extracting(GuardEvent::detail).isInstanceOfSatisfying(PoolExemptionStarted.class, e -> {
                    assertThat(e.basis()).isEqualTo("LISTED");
                    assertThat(e.reason()).isEqualTo("listed until 2099-01-01T00:00:00Z: audit");
                });
    }

    @Test
    void change_toTheValueItHas_updatesNothing_andAnnouncesNothing() {
        pools.add(Pools.active("a", 168));

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("a"), 168, OPERATOR), REQUEST);

        assertThat(change).isInstanceOf(RetentionChange.Unchanged.class);
        assertThat(pools.updates).isEmpty();
        assertThat(bus.types()).doesNotContain("Pool Retention Changed");
    }

    @Test
    void change_whoseUpdateFails_reportsTheFailure_andStillPublishesWhatWasObserved() {
        pools.add(Pools.active("a", 720));
        pools.failUpdate("a", PoolDirectoryException.Kind.CONFLICT);

        RetentionChange change = guarded().changeRetention(new RetentionRequest(named("a"), 168, OPERATOR), REQUEST);

        assertThat(change).isInstanceOfSatisfying(RetentionChange.Refused.class,
                f -> assertThat(f.problem()).isInstanceOfSatisfying(Problem.Upstream.class,
                        u -> assertThat(u.kind()).isEqualTo(PoolDirectoryException.Kind.CONFLICT)));
        assertThat(bus.types()).containsExactly("Pool Status Changed"); // the discovery, not a change
    }

    @Test
    void everyUseCase_failsClosed_onAnInvalidPolicy_beforeReadingAPool() {
        PolicySource invalid = new InvalidPolicySource();
        pools.add(Pools.active("a", 720));
        GuardedPools guarded = guarded(invalid);

        Problem invalidPolicy = new Problem.PolicyInvalid(InvalidPolicySource.PROBLEM);
        assertThat(guarded.inspect(named("a"))).isEqualTo(new Answer.Refused<>(invalidPolicy));
        assertThat(guarded.page(ShardFilter.ALL, null, 10)).isEqualTo(new Answer.Refused<>(invalidPolicy));
        assertThat(guarded.policy()).isEqualTo(new Answer.Refused<>(invalidPolicy));
        assertThat(guarded.changeRetention(new RetentionRequest(named("a"), 48, OPERATOR), REQUEST))
                .isEqualTo(new RetentionChange.Refused(invalidPolicy, null));
        assertThat(pools.describes).hasValue(0);
    }

    @Test
    void page_judgesEachPool_andLeavesOutOneDeletedMeanwhile() {
        pools.add(Pools.active("a", 9000), Pools.active("b", 48), Pools.active("c", 48));
        pools.failDescribe("b", PoolDirectoryException.Kind.NOT_FOUND);

        PoolVerdicts.Listing first = done(guarded().page(ShardFilter.ALL, null, 2));
        PoolVerdicts.Listing second = done(guarded().page(ShardFilter.ALL, first.nextToken(), 2));

        assertThat(first.pools()).extracting(j -> j.pool().name()).containsExactly("a");
        assertThat(first.pools().getFirst().verdict()).isInstanceOf(Verdict.Change.class);
        assertThat(second.pools()).extracting(j -> j.pool().name()).containsExactly("c");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void page_aThrottledRead_failsThePage() {
        pools.add(Pools.active("a", 48));
        pools.failDescribe("a", PoolDirectoryException.Kind.THROTTLED);

        assertThat(guarded().page(ShardFilter.ALL, null, 10)).isInstanceOfSatisfying(Answer.Refused.class,
                r -> assertThat(r.problem()).isInstanceOfSatisfying(Problem.Upstream.class,
                        u -> assertThat(u.kind()).isEqualTo(PoolDirectoryException.Kind.THROTTLED)));
    }

    @Test
    void aRunOverPoolsNamedByName_knowsThemByArnOnceRead() {
        pools.add(Pools.active("a", 9000));

        TriggerResult result = new RetentionGuard(TestPorts.over(new Fleet(pools, PolicySource.fixed(POLICY)), state, bus),
                2, Clock.systemUTC()).enforce(List.of(named("a"), named("ghost")), REQUEST,
                new RunOptions("req-1", false, UpdateCap.NONE));

        assertThat(result.report().outcomes()).extracting(o -> o.pool().arn(), PoolOutcome::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Pools.active("a", 1).arn(), PoolOutcome.Kind.ENFORCED),
                org.assertj.core.groups.Tuple.tuple(null, PoolOutcome.Kind.DEFERRED));
    }

    private static <T> T done(Answer<T> answer) {
        assertThat(answer).isInstanceOf(Answer.Done.class);
        return ((Answer.Done<T>) answer).value();
    }
}
