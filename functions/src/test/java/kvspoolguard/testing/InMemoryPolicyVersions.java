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
        return versions.putIfAbsent(version.digest(), version) == null;
    }

    @Override
    public synchronized PolicyVersion approve(String digest, PolicyVersion.Approval approval, PolicyVersion unseen) {
        PolicyVersion known = versions.getOrDefault(digest, unseen);
        PolicyVersion approved = new PolicyVersion(digest, known.version(), known.seenAt(), known.impact(), known.held(),
                approval);
        versions.put(digest, approved);
        return approved;
    }
}
