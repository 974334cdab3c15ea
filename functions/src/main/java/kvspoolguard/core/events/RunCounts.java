package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How many pools a run left in each outcome, as Enforcement Run Completed states them: one field
 * per outcome, in the outcomes' order, from nothing-to-do to failed.
 */
@RecordBuilder
public record RunCounts(int compliant, int exempt, int enforced, int dryRun, int deferred, int capReached,
                        int budgetReached, int held, int failed) {

    /** Counts by name: every outcome not set is 0. */
    public static RunCountsBuilder builder() {
        return RunCountsBuilder.builder();
    }

    public int pools() {
        return compliant + exempt + enforced + dryRun + deferred + capReached + budgetReached + held + failed;
    }
}
