package kvspoolguard.core.policy;

import java.util.Optional;

/**
 * Where the versions of the policy the guard has met are kept, with their approvals. Writes are
 * conditional: a version is recorded once, by the first run that meets it, whatever runs race.
 * Implementations throw {@link kvspoolguard.core.state.StateStoreException} when they cannot be used.
 */
public interface PolicyVersions {

    /** The version of {@code digest}, when one was recorded. */
    Optional<PolicyVersion> read(String digest);

    /**
     * Records {@code version} as met unless a run met its digest already: false, and nothing written,
     * when one did. An approval given before keeps.
     */
    boolean recordIfAbsent(PolicyVersion version);

    /**
     * Records the approval of the version of {@code digest} (labelled {@code label}), whether or not
     * a run has met it; the version as it now stands.
     */
    PolicyVersion approve(String digest, String label, PolicyVersion.Approval approval);

    /** No versions kept: every version is new, and none is held (a stack without a state table's records of them). */
    PolicyVersions NONE = new PolicyVersions() {
        @Override
        public Optional<PolicyVersion> read(String digest) {
            return Optional.empty();
        }

        @Override
        public boolean recordIfAbsent(PolicyVersion version) {
            return false;
        }

        @Override
        public PolicyVersion approve(String digest, String label, PolicyVersion.Approval approval) {
            return new PolicyVersion(digest, label, null, PolicyVersion.Impact.UNKNOWN, false, approval);
        }
    };
}
