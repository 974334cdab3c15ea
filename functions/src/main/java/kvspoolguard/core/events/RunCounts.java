package kvspoolguard.core.events;

/**
 * How many pools a run left in each outcome, as Enforcement Run Completed states them: one field
 * per outcome, in the outcomes' order, from nothing-to-do to failed.
 */
public record RunCounts(int compliant, int exempt, int enforced, int dryRun, int deferred, int capReached,
                        int failed) {

    public int pools() {
        return compliant + exempt + enforced + dryRun + deferred + capReached + failed;
    }
}
