package kvspoolguard.core.run;

import kvspoolguard.core.policy.RetentionPolicy;

/** What a run goes by: the policy it judges under, its options, and the recorder of its trigger. */
public record RunTerms(RetentionPolicy policy, RunOptions options, Recorder recorder) {
}
