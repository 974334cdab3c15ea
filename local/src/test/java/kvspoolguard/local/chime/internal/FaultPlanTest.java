package kvspoolguard.local.chime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private final FaultPlan plan = new FaultPlan(1L);

    @Test
    void decide_countedRule_isSpentAfterItsUses() {
        plan.add(FaultRule.times(Operation.GET_POOL, Fault.throttle(), 2));

        assertThat(IntStream.range(0, 3).mapToObj(i -> plan.decide(Operation.GET_POOL, "us-east-1").error()).toList())
                .containsExactly(ErrorType.THROTTLED_CLIENT, ErrorType.THROTTLED_CLIENT, null);
        assertThat(plan.rules()).isEmpty();
    }

    @Test
    void decide_firstErrorWins_andDoesNotSpendTheNext() {
        plan.add(FaultRule.times(null, Fault.serviceFailure(), 1));
        plan.add(FaultRule.times(null, Fault.serviceUnavailable(), 1));

        assertThat(plan.decide(Operation.LIST_POOLS, "us-east-1").error()).isEqualTo(ErrorType.SERVICE_FAILURE);
        assertThat(plan.decide(Operation.LIST_POOLS, "us-east-1").error()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
    }

    @Test
    void decide_latencies_addUp_alongsideAnError() {
        plan.add(FaultRule.always(null, Fault.latency(Duration.ofMillis(20))));
        plan.add(FaultRule.always(Operation.UPDATE_POOL, Fault.latency(Duration.ofMillis(5))));
        plan.add(FaultRule.always(Operation.UPDATE_POOL, Fault.throttle()));

        FaultPlan.Decision update = plan.decide(Operation.UPDATE_POOL, "us-east-1");
        FaultPlan.Decision get = plan.decide(Operation.GET_POOL, "us-east-1");

        assertThat(update.delay()).isEqualTo(Duration.ofMillis(25));
        assertThat(update.error()).isEqualTo(ErrorType.THROTTLED_CLIENT);
        assertThat(get.delay()).isEqualTo(Duration.ofMillis(20));
        assertThat(get.error()).isNull();
    }

    @Test
    void decide_sameSeed_repeatsTheSameFaults() {
        List<FaultRule> rules = List.of(FaultRule.sometimes(null, Fault.throttle(), 0.3),
                FaultRule.always(null, Fault.latency(Duration.ZERO, Duration.ofMillis(50))));
        FaultPlan other = new FaultPlan(0L);
        plan.replace(rules, 99L);
        other.replace(rules, 99L);

        assertThat(IntStream.range(0, 200).mapToObj(i -> plan.decide(Operation.GET_POOL, "us-east-1")).toList())
                .isEqualTo(IntStream.range(0, 200).mapToObj(i -> other.decide(Operation.GET_POOL, "us-east-1")).toList());
    }

    @Test
    void aRuleOfOneRegion_answersThatRegionsRequestsAlone() {
        FaultPlan plan = new FaultPlan(1L);
        plan.add(FaultRule.always(null, Fault.serviceUnavailable()).inRegion("eu-west-1"));

        assertThat(plan.decide(Operation.LIST_POOLS, "eu-west-1").error()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
        assertThat(plan.decide(Operation.LIST_POOLS, "us-east-1").error()).isNull();
    }

    @Test
    void faultRule_refusesImpossibleSettings() {
        assertThatThrownBy(() -> new FaultRule(null, Fault.throttle(), 0, -1)).hasMessageContaining("probability");
        assertThatThrownBy(() -> new FaultRule(null, Fault.throttle(), 1, 0)).hasMessageContaining("times");
        assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(5), Duration.ofMillis(1)))
                .hasMessageContaining("min <= max");
    }
}
