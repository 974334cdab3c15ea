package kvspoolguard.core;

import java.util.Objects;
import kvspoolguard.core.events.Caller;

/**
 * An operator's approval of the policy in force: the version label and the digest they reviewed
 * (both must be the policy's in force), and who they are.
 */
public record PolicyApproval(String version, String digest, Caller caller) {

    public PolicyApproval {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(caller, "caller");
    }
}
