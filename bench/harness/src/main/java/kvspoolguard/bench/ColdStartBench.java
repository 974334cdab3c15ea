package kvspoolguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.LocalFunction;

/**
 * Cold start to first response, from RIE's own figures: its {@code INIT REPORT} duration (the
 * runtime's init) plus the first invocation's Duration, of the enforcer handling a pool state change
 * (its most frequent trigger) and of the minimal baseline (same SDK clients, one Get), each in a
 * fresh RIE process, alternately, so that the machine's noise falls on both alike. The pool is known
 * to the state store already, as in steady operation.
 */
final class ColdStartBench {

    static final String POOL = "cold-start-pool";

    private final BenchStack stack;
    private final SampleEvents events;

    ColdStartBench(BenchStack stack, SampleEvents events) {
        this.stack = stack;
        this.events = events;
    }

    record Samples(List<Double> enforcerMs, List<Double> baselineMs) {
        double ratio() {
            return Stats.median(enforcerMs) / Stats.median(baselineMs);
        }
    }

    Samples run(int starts) {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active(POOL, Fleet.COMPLIANT_HOURS));
        String arn = stack.chime.poolArn("us-east-1", POOL);
        Map<String, String> resources = stack.freshResources();
        Map<String, String> baselineEnv = Map.of("BASELINE_POOL", POOL);
        stack.note("cold start: first observation (not measured)");
        firstResponse(stack.function(BenchStack.ENFORCER, resources, Map.of()), events.poolUpdated(arn));
        List<Double> enforcer = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            stack.note("cold start " + (i + 1));
            enforcer.add(firstResponse(stack.function(BenchStack.ENFORCER, resources, Map.of()), events.poolUpdated(arn)));
            baseline.add(firstResponse(stack.baseline("kvspoolguard.baseline.MinimalHandler", resources, baselineEnv),
                    events.poolUpdated(arn)));
        }
        return new Samples(enforcer, baseline);
    }

    private static double firstResponse(LocalFunction function, byte[] event) {
        try (function) {
            LocalFunction.Invocation answer = function.invoke(event);
            if (answer.failed()) {
                throw new IllegalStateException(function.name() + " failed: " + answer.payloadText());
            }
            Double initMs = answer.report().initDurationMs();
            if (initMs == null) {
                throw new IllegalStateException(function.name() + ": RIE logged no INIT REPORT for a cold start");
            }
            return initMs + answer.report().durationMs();
        }
    }
}
