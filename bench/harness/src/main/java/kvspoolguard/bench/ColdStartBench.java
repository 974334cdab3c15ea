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

    /**
     * Each start's INIT REPORT + first Duration (ms), and apart the first Duration alone of the
     * enforcer as it starts (unprimed) and with its SnapStart priming run in init (primed).
     */
    record Samples(List<Double> enforcerMs, List<Double> baselineMs, List<Double> unprimedFirstMs,
                   List<Double> primedFirstMs, List<Double> primedInitMs) {
        double ratio() {
            return Stats.median(enforcerMs) / Stats.median(baselineMs);
        }

        /** What priming buys the first invocation: primed ÷ unprimed, medians. */
        double primedRatio() {
            return Stats.median(primedFirstMs) / Stats.median(unprimedFirstMs);
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
        Samples samples = new Samples(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < starts; i++) {
            stack.note("cold start " + (i + 1));
            LocalFunction.Report unprimed = firstResponse(stack.function(BenchStack.ENFORCER, resources, Map.of()),
                    events.poolUpdated(arn));
            samples.enforcerMs().add(unprimed.initDurationMs() + unprimed.durationMs());
            samples.unprimedFirstMs().add(unprimed.durationMs());
            LocalFunction.Report baseline = firstResponse(stack.baseline("kvspoolguard.baseline.MinimalHandler",
                    resources, baselineEnv), events.poolUpdated(arn));
            samples.baselineMs().add(baseline.initDurationMs() + baseline.durationMs());
            stack.note("cold start " + (i + 1) + ", primed in init");
            LocalFunction.Report primed = firstResponse(stack.function(BenchStack.ENFORCER, resources,
                    Map.of("PRIME_IN_INIT", "true")), events.poolUpdated(arn));
            samples.primedFirstMs().add(primed.durationMs());
            samples.primedInitMs().add(primed.initDurationMs());
        }
        return samples;
    }

    static LocalFunction.Report firstResponse(LocalFunction function, byte[] event) {
        try (function) {
            LocalFunction.Invocation answer = function.invoke(event);
            if (answer.failed()) {
                throw new IllegalStateException(function.name() + " failed: " + answer.payloadText());
            }
            if (answer.report().initDurationMs() == null) {
                throw new IllegalStateException(function.name() + ": RIE logged no INIT REPORT for a cold start");
            }
            return answer.report();
        }
    }
}
