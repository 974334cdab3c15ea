package kvspoolguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundsTest {

    private final Bounds range = Bounds.between(24, 720);

    @Test
    void requiredFor_belowMin_isMin() {
        assertThat(range.requiredFor(6)).isEqualTo(24);
    }

    @Test
    void requiredFor_aboveMax_isMax() {
        assertThat(range.requiredFor(2400)).isEqualTo(720);
    }

    @Test
    void requiredFor_within_isUnchanged() {
        assertThat(range.requiredFor(24)).isEqualTo(24);
        assertThat(range.requiredFor(720)).isEqualTo(720);
    }

    @Test
    void requiredFor_noRetentionSet_isReadAsZero() {
        assertThat(range.requiredFor(null)).isEqualTo(24);
        assertThat(new Bounds(null, 48, null).requiredFor(null)).isZero();
    }

    @Test
    void requiredFor_target_isTheTargetWhateverTheCurrent() {
        assertThat(Bounds.exactly(168).requiredFor(1)).isEqualTo(168);
        assertThat(Bounds.exactly(168).requiredFor(168)).isEqualTo(168);
    }

    @Test
    void construction_refusesContradictions() {
        assertThatThrownBy(() -> Bounds.between(720, 24)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("minHours 720 is greater than maxHours 24");
        assertThatThrownBy(() -> new Bounds(24, null, 48)).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> Bounds.exactly(0)).hasMessageContaining("within 1..87600");
        assertThatThrownBy(() -> Bounds.exactly(87_601)).hasMessageContaining("within 1..87600");
        assertThatThrownBy(() -> new Bounds(null, null, null)).hasMessageContaining("needs minHours");
    }

    @Test
    void describe_saysTheBoundsInWords() {
        assertThat(range.describe()).isEqualTo("24..720 hours");
        assertThat(Bounds.exactly(5).describe()).isEqualTo("exactly 5 hours");
        assertThat(new Bounds(3, null, null).describe()).isEqualTo("at least 3 hours");
        assertThat(new Bounds(null, 3, null).describe()).isEqualTo("at most 3 hours");
    }
}
