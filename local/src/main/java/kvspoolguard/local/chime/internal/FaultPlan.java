package kvspoolguard.local.chime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Operation;

/**
 * The fault rules in force and how many uses each has left. For a request, every matching latency
 * rule adds its delay, and the first matching error rule that fires decides the answer. The random
 * source is seeded so that a run with the same requests injects the same faults.
 */
public final class FaultPlan {

    /** What to do to one request: wait, then answer the error if there is one. */
    public record Decision(Duration delay, ErrorType error) {
    }

    private static final class Armed {
        final FaultRule rule;
        int remaining;

        Armed(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }

    private final List<Armed> rules = new ArrayList<>();
    private Random random;

    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void replace(List<FaultRule> newRules, long seed) {
        rules.clear();
        newRules.forEach(r -> rules.add(new Armed(r)));
        random = new Random(seed);
    }

    public synchronized void add(FaultRule rule) {
        rules.add(new Armed(rule));
    }

    public synchronized List<FaultRule> rules() {
        return rules.stream().filter(a -> a.remaining != 0).map(a -> a.rule).toList();
    }

    /** The faults for one request of {@code operation} in {@code region}. */
    public synchronized Decision decide(Operation operation, String region) {
        Duration delay = Duration.ZERO;
        ErrorType error = null;
        for (Armed armed : rules) {
            if (armed.remaining == 0 || !armed.rule.appliesTo(operation, region)) {
                continue;
            }
            boolean isError = armed.rule.fault() instanceof Fault.Error;
            if ((isError && error != null) || random.nextDouble() >= armed.rule.probability()) {
                continue;
            }
            if (armed.remaining > 0) {
                armed.remaining--;
            }
            switch (armed.rule.fault()) {
                case Fault.Error e -> error = e.type();
                case Fault.Latency l -> delay = delay.plus(pick(l));
            }
        }
        return new Decision(delay, error);
    }

    private Duration pick(Fault.Latency latency) {
        long span = latency.max().toMillis() - latency.min().toMillis();
        return latency.min().plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }
}
