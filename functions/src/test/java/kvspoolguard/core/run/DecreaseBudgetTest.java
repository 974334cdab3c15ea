package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import kvspoolguard.testing.InMemoryDecreaseLedger;
import org.junit.jupiter.api.Test;

class DecreaseBudgetTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-07");

    private final InMemoryDecreaseLedger ledger = new InMemoryDecreaseLedger();

    @Test
    void aCount_allowsThatManyDecreasesADay_thenNoneUntilTheNextUtcDay() {
        DecreaseBudget budget = new DecreaseBudget(ledger, new UpdateCap(2, null));

        assertThat(budget.draw(720, 24, NOON).take()).isTrue();
        assertThat(budget.draw(720, 24, NOON).take()).isTrue();
        DecreaseBudget.Draw third = budget.draw(720, 24, NOON);
        assertThat(third.take()).isFalse();
        assertThat(budget.draw(720, 24, Instant.parse("2026-12-07T23:59:59Z")).take()).isFalse();
        assertThat(budget.draw(720, 24, Instant.parse("2026-12-08T00:00:00Z")).take()).isTrue();
        assertThat(ledger.taken(DAY)).isEqualTo(2);
        assertThat(third.spent()).isEqualTo("decrease budget of 2 a day (MaxDecreasesPerDay) spent");
    }

    @Test
    void increases_andValuesUnchanged_drawNothing_evenWhenTheBudgetIsSpent() {
        DecreaseBudget budget = new DecreaseBudget(ledger, new UpdateCap(0, null));

        assertThat(budget.draw(24, 720, NOON).take()).isTrue();
        assertThat(budget.draw(null, 24, NOON).take()).as("none set: an increase").isTrue();
        assertThat(budget.draw(720, 24, NOON).take()).isFalse();
        assertThat(ledger.taken(DAY)).isZero();
    }

    @Test
    void aDecreaseGivenBack_servesAnother() {
        DecreaseBudget budget = new DecreaseBudget(ledger, new UpdateCap(1, null));
        DecreaseBudget.Draw first = budget.draw(720, 24, NOON);

        assertThat(first.take()).isTrue();
        first.giveBack();

        assertThat(budget.draw(720, 24, NOON).take()).isTrue();
        assertThat(budget.draw(720, 24, NOON).take()).isFalse();
    }

    @Test
    void aPercent_isOfTheFleetTheLastSweepMeasured_andAllowsNoneBeforeAnySweep() {
        DecreaseBudget percentOnly = new DecreaseBudget(ledger, new UpdateCap(null, 10));
        DecreaseBudget both = new DecreaseBudget(ledger, new UpdateCap(50, 10));

        assertThat(percentOnly.limit()).as("no fleet measured: fail closed").isZero();
        assertThat(percentOnly.draw(720, 24, NOON).take()).isFalse();
        assertThat(both.limit()).as("no fleet measured: the count alone").isEqualTo(50);
        percentOnly.measured(1000);
        assertThat(percentOnly.limit()).isEqualTo(100);
        assertThat(both.limit()).as("the smaller wins").isEqualTo(50);
        percentOnly.measured(7);
        assertThat(percentOnly.limit()).as("rounded up, as the update cap is").isEqualTo(1);
    }

    @Test
    void noBudget_takesNothing_andNeverReadsTheLedger() {
        assertThat(DecreaseBudget.NONE.draw(720, 1, NOON).take()).isTrue();
        DecreaseBudget.NONE.draw(720, 1, NOON).giveBack();
        DecreaseBudget.NONE.measured(10);
    }
}
