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

    @Test
    void aPercentCap_ofAMeasuredFleet_holdsForTheWholeRun_whereOnePoolShardsOnceEachUpdatedAlways() {
        UpdateCap onePercent = new UpdateCap(null, 1);
        UpdateSlots.RunWide run = Sweeps.counted();
        UpdateSlots.RunWide unmeasured = Sweeps.counted();

        // a hundred shards of one pool each, in a fleet of a hundred: 1% of it is one update
        long measured = java.util.stream.IntStream.range(0, 100)
                .filter(shard -> UpdateSlots.ofSweepStep(onePercent, 100, run).tryTake()).count();
        long perStep = java.util.stream.IntStream.range(0, 100)
                .filter(shard -> UpdateSlots.ofStep(onePercent, () -> 1, unmeasured).tryTake()).count();

        assertThat(measured).isEqualTo(1);
        assertThat(perStep).as("before any sweep measured the fleet: rounded up step by step").isEqualTo(100);
        assertThat(UpdateSlots.ofSweepStep(new UpdateCap(5, 10), 1000, Sweeps.counted()).limit()).isEqualTo(5);
        assertThat(UpdateSlots.ofSweepStep(UpdateCap.NONE, 1000, Sweeps.counted()).limit())
                .isEqualTo(Integer.MAX_VALUE);
    }
}
