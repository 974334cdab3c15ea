package kvspoolguard.e2e;

import java.time.Duration;
import java.util.List;

/**
 * The shape of a fault soak: the fleet and its streams, the faults on every request to the pool API
 * and to the streams', the outsiders' flips and stream changes, and its bounds. {@code make soak} runs {@link #full()}, then {@link #organizationFull()};
 * {@code make test} runs {@link #quick()} and {@link #organizationQuick()}, the same soaks on smaller fleets.
 *
 * @param pools             pools in the fleet
 * @param nonCompliantShare pools seeded outside the policy's bounds (half above, half below)
 * @param exemptShare       pools with the exemption tag (any retention, half of them outside the bounds)
 * @param flips             outsiders' changes: a compliant pool set to UPDATING at another retention
 *                          (a third of them outside the bounds), held, then set back to ACTIVE
 * @param streamsPerPool    the streams each pool has (the emulator makes them as the service does)
 * @param streamDrifts      outsiders' changes of a stream's retention behind its pool (a governed
 *                          pool's), half of them followed by CloudTrail's record of the call
 * @param throttleShare     share of Chime requests answered ThrottledClientException
 * @param serverErrorShare  share answered 500 ServiceFailure or 503 ServiceUnavailable (half each)
 * @param maxSweeps         scheduled sweeps at most before the soak is declared not converged
 * @param timeLimit         the whole soak's bound; it stops there, whatever it reached
 * @param organization      the accounts and regions beyond the stack's own, and their faults; null: the
 *                          stack's account and region alone
 */
record SoakPlan(String name, int pools, double nonCompliantShare, double exemptShare, int flips,
                int streamsPerPool, int streamDrifts, double throttleShare, double serverErrorShare, Duration minLatency, Duration maxLatency,
                Duration transitionDelay, Duration maxHold, int maxSweeps, Duration timeLimit, long seed,
                Organization organization) {

    /**
     * An organisation: pools spread over the stack's account and {@code members}, in the stack's
     * region and {@code regions}; the member role of {@code refusing} refuses the guard;
     * {@code failingRegion}'s API answers its next {@code failingRequests} requests 500; each
     * shard (an account in a region) takes at most {@code shardRequestsPerSecond}; one shard step
     * is taken first by a worker killed by its timeout mid-step.
     */
    record Organization(List<String> members, List<String> regions, String refusing, String failingRegion,
                        int failingRequests, double shardRequestsPerSecond) {
    }

    static SoakPlan full() {
        return new SoakPlan("full", 1000, 0.10, 0.05, 150, 2, 100, 0.20, 0.05, Duration.ofMillis(2), Duration.ofMillis(25),
                Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(8), 7, null);
    }

    static SoakPlan quick() {
        return new SoakPlan("quick", 150, 0.10, 0.05, 30, 2, 20, 0.20, 0.05, Duration.ofMillis(2), Duration.ofMillis(25),
                Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(3), 7, null);
    }

    /** 3 accounts × 3 regions, one account refusing, one region failing a while, throttled shards. */
    static SoakPlan organizationFull() {
        return new SoakPlan("organization", 900, 0.10, 0.05, 120, 2, 80, 0.10, 0.03, Duration.ofMillis(2),
                Duration.ofMillis(25), Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(10), 11,
                ORGANIZATION);
    }

    static SoakPlan organizationQuick() {
        return new SoakPlan("organization-quick", 180, 0.10, 0.05, 24, 2, 16, 0.10, 0.03, Duration.ofMillis(2),
                Duration.ofMillis(25), Duration.ofMillis(200), Duration.ofMillis(400), 6, Duration.ofMinutes(4), 11,
                ORGANIZATION);
    }

    private static final Organization ORGANIZATION = new Organization(List.of("210987654321", "345678901234"),
            List.of("eu-west-1", "ap-southeast-2"), "345678901234", "eu-west-1", 8, 60);

    /**
     * The plans a run asked for with {@code -Dkvspoolguard.soak=full|quick} (quick when absent): the
     * stack's account alone, then an organisation.
     */
    static List<SoakPlan> fromSystemProperties() {
        String name = System.getProperty("kvspoolguard.soak", "quick");
        return switch (name) {
            case "full" -> List.of(full(), organizationFull());
            case "quick" -> List.of(quick(), organizationQuick());
            default -> throw new IllegalArgumentException("kvspoolguard.soak must be full or quick, got " + name);
        };
    }
}
