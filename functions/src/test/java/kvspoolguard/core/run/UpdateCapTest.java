package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.testing.Sweeps;
import org.junit.jupiter.api.Test;

class UpdateCapTest {

    @Test
    void limitFor_aCountAPercentBothOrNone() {
        assertThat(UpdateCap.NONE.limitFor(1000)).isEqualTo(Integer.MAX_VALUE);
        assertThat(new UpdateCap(50, null).limitFor(1000)).isEqualTo(50);
        assertThat(new UpdateCap(null, 10).limitFor(1001)).as("rounded up").isEqualTo(101);
        assertThat(new UpdateCap(50, 10).limitFor(1000)).as("the smaller wins").isEqualTo(50);
        assertThat(new UpdateCap(500, 10).limitFor(1000)).isEqualTo(100);
    }

    @Test
    void aCapOutsideItsRange_isRefused() {
        assertThatThrownBy(() -> new UpdateCap(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpdateCap(null, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slots_ofAPercentCap_areAShareOfThePoolsListedSoFar_andNeverOvershoot() {
        AtomicInteger listed = new AtomicInteger(1);
        UpdateSlots slots = UpdateSlots.ofStep(new UpdateCap(null, 50), listed::get, null);

        assertThat(slots.tryTake()).isTrue();
        assertThat(slots.tryTake()).as("ceil(1 × 50%) = 1, while one pool is listed").isFalse();
        listed.set(3);
        assertThat(slots.tryTake()).isTrue();
        assertThat(slots.tryTake()).as("ceil(3 × 50%) = 2").isFalse();
        slots.giveBack();
        assertThat(slots.tryTake()).isTrue();
        assertThat(slots.limit()).isEqualTo(2);
    }

    @Test
    void slots_ofAFannedOutRun_takeTheirCountFromTheRun() {
        UpdateSlots.RunWide run = Sweeps.counted();
        UpdateSlots first = UpdateSlots.ofStep(new UpdateCap(3, null), () -> 100, run);
        UpdateSlots second = UpdateSlots.ofStep(new UpdateCap(3, null), () -> 100, run);

        assertThat(first.tryTake()).isTrue();
        assertThat(first.tryTake()).isTrue();
        assertThat(second.tryTake()).isTrue();
        assertThat(second.tryTake()).as("the run's three are taken, whichever step took them").isFalse();
        first.giveBack();
        assertThat(second.tryTake()).isTrue();
    }
}
