package kvspoolguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentiles_areNearestRank() {
        List<Double> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100.0);
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4.0, 1.0))).isEqualTo(1.0);
    }

    @Test
    void noSamples_isAnError() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targets_atMostAndAtLeast() {
        Target ceiling = new Target("x", "x", 1.15, true);
        Target floor = new Target("y", "y", 10, false);

        assertThat(ceiling.met(1.15)).isTrue();
        assertThat(ceiling.met(1.16)).isFalse();
        assertThat(floor.met(9.99)).isFalse();
        assertThat(floor.describe()).isEqualTo("≥ 10");
        assertThat(ceiling.describe()).isEqualTo("≤ 1.15");
    }
}
