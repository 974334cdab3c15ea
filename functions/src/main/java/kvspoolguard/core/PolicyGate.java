package kvspoolguard.core;

import java.time.Clock;
import java.util.Optional;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.PolicyChanged;
import kvspoolguard.core.policy.Judging;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.PolicyVersions;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.Recorder;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.RecordPage;
import kvspoolguard.core.state.StateStoreException;

/**
 * The versions of the policy that runs meet. The first run to meet a version judges the fleet the
 * state records by it (what it would raise, what it would lower, and the hours of audio a lowering
 * deletes: no pool is read), records it and, when it changes any pool, announces it once
 * ({@code Policy Changed}). When it
 * would lower more pools than the run's approval threshold, its decreases wait until an operator
 * approves that exact version; its increases never wait. A dry run shows the same, holding nothing.
 */
final class PolicyGate {

    private static final int PAGE = 100;

    private final Ports ports;
    private final Clock clock;

    PolicyGate(Ports ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    /** Why the run's decreases wait (null: they do not); a version met for the first time is announced by {@code recorder}. */
    String held(RetentionPolicy policy, RunOptions options, Recorder recorder) {
        PolicyVersions versions = ports.recording().versions();
        if (versions == PolicyVersions.NONE) {
            return null;
        }
        String digest = PolicyDocument.digest(policy);
        try {
            Optional<PolicyVersion> known = versions.read(digest).filter(PolicyVersion::met);
            if (known.isEmpty()) {
                PolicyVersion met = judged(policy, digest, options);
                Origin origin = new Origin(options.runId(), recorder.trigger().triggeredBy());
                // a version that changes no pool the state records (a new stack's first) is recorded, not announced
                boolean changes = met.impact().increases() + met.impact().decreases() > 0;
                if (versions.recordIfAbsent(met)) {
                    if (changes) { // a dry run records it too (no run meets it twice), announcing it as its own
                        recorder.add(new GuardEvent(met.seenAt(), options.dryRun()
                                ? PolicyChanged.dryRun(met, options.approvalThreshold(), origin)
                                : PolicyChanged.of(met, options.approvalThreshold(), origin)));
                    }
                }
                known = versions.read(digest); // as recorded: met here or by another run, approved or not
            }
            return options.dryRun() ? null
                    : known.filter(PolicyVersion::holdsDecreases).map(PolicyVersion::holdReason).orElse(null);
        } catch (StateStoreException e) {
            // whether this version may lower pools is not known: none is lowered (fail closed)
            return "the policy's approvals could not be read: " + e.getMessage();
        }
    }

    /** The version as the state's fleet would meet it. */
    private PolicyVersion judged(RetentionPolicy policy, String digest, RunOptions options) {
        var judging = new Judging(new Placements(ports.fleet().accounts()), clock.instant());
        int increases = 0;
        int decreases = 0;
        long hours = 0;
        String after = null;
        do {
            RecordPage page = ports.recording().state().records(after, PAGE);
            for (Observation record : page.records()) {
                if (record.deleted() || record.name() == null) {
                    continue;
                }
                // the state keeps no tags nor stream region: a lowering is counted where any rule might lower it
                Pool pool = Pool.builder(record.name(), record.arn(), PoolStatus.ACTIVE).region(record.region())
                        .retentionHours(record.retentionHours()).build();
                int lowering = policy.mostLoweringOf(pool, judging);
                if (lowering > 0) {
                    decreases++;
                    hours += lowering;
                } else if (policy.verdictFor(pool, judging) instanceof Verdict.Change) {
                    increases++;
                }
            }
            after = page.next();
        } while (after != null);
        boolean held = options.approvalThreshold() != null && decreases > options.approvalThreshold();
        return new PolicyVersion(digest, policy.version(), clock.instant(),
                new PolicyVersion.Impact(increases, decreases, hours), held, null);
    }
}
