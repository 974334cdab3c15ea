package kvspoolguard.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.PolicyVersions;

/** The versions of the policy met, in memory, each recorded once as DynamoDB's conditional put does. */
public final class InMemoryPolicyVersions implements PolicyVersions {

    private final Map<String, PolicyVersion> versions = new HashMap<>();

    @Override
    public synchronized Optional<PolicyVersion> read(String digest) {
        return Optional.ofNullable(versions.get(digest));
    }

    @Override
    public synchronized boolean recordIfAbsent(PolicyVersion version) {
        PolicyVersion known = versions.get(version.digest());
        if (known != null && known.met()) {
            return false;
        }
        versions.put(version.digest(), new PolicyVersion(version.digest(), version.version(), version.seenAt(),
                version.impact(), version.held(), known == null ? null : known.approval()));
        return true;
    }

    @Override
    public synchronized PolicyVersion approve(String digest, String label, PolicyVersion.Approval approval) {
        PolicyVersion known = versions.getOrDefault(digest, new PolicyVersion(digest, label, null,
                PolicyVersion.Impact.UNKNOWN, false, null));
        PolicyVersion approved = new PolicyVersion(digest, known.version(), known.seenAt(), known.impact(), known.held(),
                approval);
        versions.put(digest, approved);
        return approved;
    }
}
