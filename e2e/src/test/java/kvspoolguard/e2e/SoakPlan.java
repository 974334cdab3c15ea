package kvspoolguard.e2e;

import java.time.Duration;

/**
 * The shape of a fault soak: the fleet, the faults on every Chime API request, the outsiders'
 * flips, and its bounds. {@code make soak} runs {@link #full()}; {@code make test} runs
 * {@link #quick()}, the same soak on a smaller fleet.
 *
 * @param pools             pools in the fleet
 * @param nonCompliantShare pools seeded outside the policy's bounds (half above, half below)
 * @param exemptShare       pools with the exemption tag (any retention, half of them outside the bounds)
 * @param flips             outsiders' changes: a compliant pool set to UPDATING at another retention
 *                          (a third of them outside the bounds), held, then set back to ACTIVE
 * @param throttleShare     share of Chime requests answered ThrottledClientException
 * @param serverErrorShare  share answered 500 ServiceFailure or 503 ServiceUnavailable (half each)
 * @param maxSweeps         scheduled sweeps at most before the soak is declared not converged
 * @param timeLimit         the whole soak's bound; it stops there, whatever it reached
 */
record SoakPlan(String name, int pools, double nonCompliantShare, double exemptShare, int flips,
                double throttleShare, double serverErrorShare, Duration minLatency, Duration maxLatency,
                Duration transitionDelay, Duration maxHold, int maxSweeps, Duration timeLimit, long seed) {

    static SoakPlan full() {
        return new SoakPlan("full", 1000, 0.10, 0.05, 150, 0.20, 0.05, Duration.ofMillis(2), Duration.ofMillis(25),
                Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(8), 7);
    }

    static SoakPlan quick() {
        return new SoakPlan("quick", 150, 0.10, 0.05, 30, 0.20, 0.05, Duration.ofMillis(2), Duration.ofMillis(25),
                Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(3), 7);
    }

    /** The plan a run asked for with {@code -Dkvspoolguard.soak=full|quick} (quick when absent). */
    static SoakPlan fromSystemProperties() {
        String name = System.getProperty("kvspoolguard.soak", "quick");
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            default -> throw new IllegalArgumentException("kvspoolguard.soak must be full or quick, got " + name);
        };
    }
}
