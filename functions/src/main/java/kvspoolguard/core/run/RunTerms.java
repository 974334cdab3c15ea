package kvspoolguard.core.run;

import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.Placements;

/**
 * What a run goes by: the policy it judges under, its options, the recorder of its trigger, and
 * the places of the accounts it judges pools of (read once per run, when a rule is on units).
 */
public record RunTerms(RetentionPolicy policy, RunOptions options, Recorder recorder, Placements places) {

    /** Terms with no organisation to read: a rule on units is never decided. */
    public RunTerms(RetentionPolicy policy, RunOptions options, Recorder recorder) {
        this(policy, options, recorder, new Placements(AccountDirectory.NONE));
    }
}
