package kvspoolguard.core.run;

import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.Placements;

/**
 * What a run goes by: the policy it judges under, its options, the recorder of its trigger, the
 * places of the accounts it judges pools of (read once per run, when a rule is on units), the
 * day's decrease budget it draws on with every other trigger, and why the policy's decreases wait
 * for approval ({@code held}, null: they do not).
 */
public record RunTerms(RetentionPolicy policy, RunOptions options, Recorder recorder, Placements places,
                       DecreaseBudget decreases, String held) {

    /** Terms with no organisation to read, no decrease budget, and nothing held. */
    public RunTerms(RetentionPolicy policy, RunOptions options, Recorder recorder) {
        this(policy, options, recorder, new Placements(AccountDirectory.NONE), DecreaseBudget.NONE, null);
    }
}
