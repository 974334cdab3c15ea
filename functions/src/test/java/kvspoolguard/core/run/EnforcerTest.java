package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.testing.InMemoryPoolDirectory;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.Recorders;
import kvspoolguard.testing.Sweeps;
import org.junit.jupiter.api.Test;

class EnforcerTest {

    private static final Bounds DEFAULTS = Bounds.between(24, 720);
    private static final RetentionPolicy POLICY = RetentionPolicy.defaultsOnly(DEFAULTS, ExemptTag.DEFAULT);
    private static final RetentionPolicy NO_TAGS = RetentionPolicy.defaultsOnly(DEFAULTS, null);

    private final InMemoryPoolDirectory directory = new InMemoryPoolDirectory();
    private final Enforcer enforcer = new Enforcer(directory, 4, Clock.systemUTC());

    private static RunOptions options() {
        return new RunOptions("run-1", false, UpdateCap.NONE);
    }

    private void mixedFleet() {
        directory.add(Pools.active("above", 2400), Pools.active("below", 6), Pools.active("within", 48),
                Pools.active("unset", null),
                Pools.pool("updating", 4000, PoolStatus.UPDATING, Map.of(), "us-east-1"),
                Pools.pool("exempt", 87_600, PoolStatus.ACTIVE, Map.of("kvs-pool-guard:exempt", "true"), "us-east-1"));
    }

    @Test
    void sweep_mixedFleet_updatesExactlyTheNonCompliantActivePools() {
        mixedFleet();

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(directory.updates).containsExactlyInAnyOrder("above=720", "below=24", "unset=24");
        assertThat(report.count(PoolOutcome.Kind.ENFORCED)).isEqualTo(3);
        assertThat(report.count(PoolOutcome.Kind.COMPLIANT)).isEqualTo(1);
        assertThat(report.count(PoolOutcome.Kind.DEFERRED)).isEqualTo(1);
        assertThat(report.count(PoolOutcome.Kind.EXEMPT)).isEqualTo(1);
        assertThat(report.outcomes()).extracting(o -> o.pool().name())
                .containsExactly("above", "below", "exempt", "unset", "updating", "within");
        PoolOutcome above = report.outcomes().getFirst();
        assertThat(above.fromHours()).isEqualTo(2400);
        assertThat(above.toHours()).isEqualTo(720);
        assertThat(above.after().retentionHours()).isEqualTo(720);
    }

    @Test
    void sweep_secondRun_updatesNothing() {
        mixedFleet();
        Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));
        directory.updates.clear();

        RunReport again = Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(directory.updates).isEmpty();
        assertThat(again.count(PoolOutcome.Kind.ENFORCED)).isZero();
    }

    @Test
    void sweep_dryRun_updatesNothing_andReportsWhatItWouldDo() {
        mixedFleet();

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("dry", true, UpdateCap.NONE), Recorders.inMemory()));

        assertThat(directory.updates).isEmpty();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.count(PoolOutcome.Kind.DRY_RUN)).isEqualTo(3);
        assertThat(report.outcomes()).filteredOn(o -> o.kind() == PoolOutcome.Kind.DRY_RUN)
                .extracting(PoolOutcome::reason).containsOnly("dry-run");
    }

    @Test
    void sweep_countCap_stopsAtTheCap() {
        IntStream.range(0, 5).forEach(i -> directory.add(Pools.active("p" + i, 2400)));

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("cap", false, new UpdateCap(2, null)), Recorders.inMemory()));

        assertThat(directory.updates).hasSize(2);
        assertThat(report.count(PoolOutcome.Kind.CAP_REACHED)).isEqualTo(3);
        assertThat(report.capReached()).isTrue();
        assertThat(report.updateCap()).isEqualTo(2);
    }

    @Test
    void sweep_percentCap_isAShareOfTheFleet_roundedUp() {
        IntStream.range(0, 10).forEach(i -> directory.add(Pools.active("p" + i, 2400)));

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("cap", false, new UpdateCap(5, 15)), Recorders.inMemory()));

        assertThat(report.updateCap()).isEqualTo(2);
        assertThat(directory.updates).hasSize(2);
    }

    @Test
    void sweep_readsThePoolsOfTheFirstPage_beforeTheListingHasEnded() {
        IntStream.range(0, 250).forEach(i -> directory.add(Pools.active(String.format("p%03d", i), 48)));
        directory.describesBeforeNextPage = 10; // the second page is listed only once 10 pools were read

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(report.outcomes()).hasSize(250);
        assertThat(directory.pagesListed).hasValue(3);
        assertThat(directory.listingWaitedOut).as("pools were read while the next page was listed").isFalse();
        assertThat(report.outcomes()).extracting(o -> o.pool().name()).isSorted();
    }

    @Test
    void sweep_percentCap_countsEveryPageOfTheFleet() {
        IntStream.range(0, 250).forEach(i -> directory.add(Pools.active(String.format("p%03d", i), 2400)));

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("cap", false, new UpdateCap(null, 10)), Recorders.inMemory()));

        assertThat(report.updateCap()).isEqualTo(25);
        assertThat(directory.updates).hasSize(25);
        assertThat(report.count(PoolOutcome.Kind.CAP_REACHED)).isEqualTo(225);
    }

    @Test
    void sweep_listingFailsAfterTheFirstPage_handlesThePoolsListed_andReportsTheShard() {
        IntStream.range(0, 150).forEach(i -> directory.add(Pools.active(String.format("p%03d", i), 2400)));
        directory.describesBeforeNextPage = 100;
        directory.failPagesAfterFirst = PoolDirectoryException.Kind.THROTTLED;

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(directory.updates).as("every pool of the first page, none after").hasSize(100)
                .allMatch(u -> u.compareTo("p100") < 0);
        assertThat(report.failedShards()).singleElement().satisfies(f -> assertThat(f.reason()).startsWith("throttled: "));
    }

    @Test
    void sweep_listingFails_withAPercentCap_capsThePoolsListed() {
        IntStream.range(0, 150).forEach(i -> directory.add(Pools.active(String.format("p%03d", i), 2400)));
        directory.failPagesAfterFirst = PoolDirectoryException.Kind.UNAVAILABLE;

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("cap", false, new UpdateCap(null, 50)), Recorders.inMemory()));

        assertThat(directory.updates).as("half of the 100 pools listed, not of the fleet nobody knows").hasSize(50);
        assertThat(report.updateCap()).isEqualTo(50);
    }

    @Test
    void sweep_conflictOnUpdate_isDeferral_andFreesItsCapSlot() {
        directory.add(Pools.active("a", 2400), Pools.active("b", 2400));
        directory.failUpdate("a", PoolDirectoryException.Kind.CONFLICT);
        Enforcer oneAtATime = new Enforcer(directory, 1, Clock.systemUTC()); // a before b, deterministically

        RunReport report = Sweeps.every(oneAtATime, directory, new RunTerms(POLICY, new RunOptions("c", false, new UpdateCap(1, null)), Recorders.inMemory()));

        assertThat(report.outcomes().getFirst().kind()).isEqualTo(PoolOutcome.Kind.DEFERRED);
        assertThat(report.outcomes().getFirst().reason()).startsWith("conflict:");
        assertThat(directory.updates).containsExactly("b=720");
    }

    @Test
    void sweep_onePoolsFailure_neverStopsTheRun() {
        directory.add(Pools.active("a", 2400), Pools.active("b", 2400), Pools.active("c", 2400));
        directory.failDescribe("a", PoolDirectoryException.Kind.UNAVAILABLE);
        directory.failUpdate("b", PoolDirectoryException.Kind.THROTTLED);

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(report.outcomes()).extracting(PoolOutcome::kind).containsExactly(
                PoolOutcome.Kind.FAILED, PoolOutcome.Kind.FAILED, PoolOutcome.Kind.ENFORCED);
        assertThat(report.outcomes().get(0).reason()).startsWith("unavailable:");
        assertThat(report.outcomes().get(1).reason()).startsWith("update failed: throttled:");
    }

    @Test
    void sweep_poolDeletedSinceListed_isDeferredNotFailed() {
        directory.add(Pools.active("gone", 2400));
        directory.failDescribe("gone", PoolDirectoryException.Kind.NOT_FOUND);

        assertThat(Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory())).outcomes().getFirst().kind())
                .isEqualTo(PoolOutcome.Kind.DEFERRED);
    }

    @Test
    void sweep_fetchesTagsOnlyWhenThePolicyNeedsThem() {
        mixedFleet();

        Sweeps.every(enforcer, directory, new RunTerms(NO_TAGS, options(), Recorders.inMemory()));
        assertThat(directory.describesWithTags.get()).isZero();
        Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));
        assertThat(directory.describesWithTags.get()).isEqualTo(6);
    }

    @Test
    void sweep_neverHasMoreCallsInFlightThanItsConcurrency() {
        IntStream.range(0, 40).forEach(i -> directory.add(Pools.active("p" + i, 48)));
        directory.requireOverlap();

        Sweeps.every(enforcer, directory, new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(directory.peakInFlight.get()).isBetween(2, 4);
    }

    @Test
    void enforce_givenPools_touchesOnlyThose() {
        mixedFleet();

        RunReport report = enforcer.enforce(List.of(PoolRef.fromArn(directory.pool("above").arn())), new RunTerms(POLICY, options(), Recorders.inMemory()));

        assertThat(report.outcomes()).hasSize(1);
        assertThat(directory.updates).containsExactly("above=720");
    }

    @Test
    void decreasesPastTheDaysBudget_areLeftUndone_increasesGoOn_andTheBudgetHoldsAcrossRuns() {
        for (int i = 0; i < 5; i++) {
            directory.add(Pools.active("long-" + i, 2400));
        }
        directory.add(Pools.active("short", 6));
        var budget = new DecreaseBudget(new kvspoolguard.testing.InMemoryDecreaseLedger(), new UpdateCap(3, null));
        Enforcer oneAtATime = new Enforcer(directory, 1, Clock.systemUTC());

        RunReport first = Sweeps.every(oneAtATime, directory, new RunTerms(POLICY, new RunOptions("r1", false,
                new UpdateCap(4, null)), Recorders.inMemory(), Pools.NO_ORGANIZATION, budget, null));
        RunReport second = enforcer.enforce(List.of(PoolRef.fromArn(directory.pool("long-4").arn())),
                new RunTerms(POLICY, options(), Recorders.inMemory(), Pools.NO_ORGANIZATION, budget, null));

        assertThat(directory.updates).containsExactlyInAnyOrder("long-0=720", "long-1=720", "long-2=720", "short=24");
        assertThat(first.count(PoolOutcome.Kind.ENFORCED)).as("the cap's slot a spent budget left serves the increase")
                .isEqualTo(4);
        assertThat(first.outcomes()).filteredOn(o -> o.kind() == PoolOutcome.Kind.BUDGET_REACHED)
                .extracting(o -> o.pool().name(), PoolOutcome::reason, PoolOutcome::shortfall)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("long-3",
                        "decrease budget of 3 a day (MaxDecreasesPerDay) spent", "BUDGET_REACHED"),
                        org.assertj.core.groups.Tuple.tuple("long-4", "decrease budget of 3 a day (MaxDecreasesPerDay) spent",
                                "BUDGET_REACHED"));
        assertThat(second.outcomes()).singleElement().extracting(PoolOutcome::kind)
                .isEqualTo(PoolOutcome.Kind.BUDGET_REACHED);
    }

    @Test
    void aDryRun_drawsNothingFromTheBudget() {
        directory.add(Pools.active("long", 2400));
        var ledger = new kvspoolguard.testing.InMemoryDecreaseLedger();

        RunReport report = Sweeps.every(enforcer, directory, new RunTerms(POLICY, new RunOptions("dry", true,
                UpdateCap.NONE), Recorders.inMemory(), Pools.NO_ORGANIZATION, new DecreaseBudget(ledger,
                new UpdateCap(0, null)), null));

        assertThat(report.outcomes()).singleElement().extracting(PoolOutcome::kind).isEqualTo(PoolOutcome.Kind.DRY_RUN);
        assertThat(ledger.taken(java.time.LocalDate.now(java.time.ZoneOffset.UTC))).isZero();
    }
}
