package kvspoolguard.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of the policy as the guard first met it: its digest and label, when a run met it
 * ({@code seenAt}, null: approved before any run met it), what it would change (from the state,
 * when first met), whether its decreases wait for approval ({@code held}, decided when it was met),
 * and who approved it (null: no one yet).
 */
public record PolicyVersion(String digest, String version, Instant seenAt, Impact impact, boolean held,
                            Approval approval) {

    /** What a version would change of the fleet the state knows: pools up, pools down, hours of audio deleted. */
    public record Impact(int increases, int decreases, long hoursAtStake) {
        public static final Impact UNKNOWN = new Impact(0, 0, 0);
    }

    /** Who approved a version's decreases, and when. */
    public record Approval(String by, Instant at) {
        public Approval {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    public PolicyVersion {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(impact, "impact");
    }

    /** True once a run has met the version (and judged what it would change). */
    public boolean met() {
        return seenAt != null;
    }

    /** True while the version's decreases wait: held, and not approved. */
    public boolean holdsDecreases() {
        return held && approval == null;
    }

    /** Why its decreases wait, as a run's outcome says it. */
    public String holdReason() {
        return "policy version " + version + " (" + digest + ") would decrease " + impact.decreases()
                + " pools: its decreases wait for approval (POST /policy/approvals)";
    }
}
