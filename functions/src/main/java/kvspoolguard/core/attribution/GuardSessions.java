package kvspoolguard.core.attribution;

import java.util.Set;
import kvspoolguard.core.events.Actor;

/**
 * The guard's own sessions, in every account, so that its own calls are never taken for someone
 * else's: in the home account, sessions of exactly the stack's function roles ({@code ownRoles},
 * their ARNs); in a member account, the member role the functions assume there (a role's name is
 * unique in its account, whatever its path).
 */
public record GuardSessions(String homeAccount, Set<String> ownRoles, String memberRoleName) {

    public GuardSessions {
        ownRoles = Set.copyOf(ownRoles);
    }

    public boolean own(PoolCall call) {
        return own(call.actor(), call.pool().account());
    }

    /** True when {@code actor}, acting in {@code account}, is one of the guard's own sessions. */
    public boolean own(Actor actor, String account) {
        String issuer = actor.sessionIssuerArn();
        if (issuer == null) {
            return false;
        }
        if (ownRoles.contains(issuer)) {
            return true;
        }
        // arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
        String[] parts = issuer.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            return false;
        }
        String roleAccount = parts[4];
        if (!roleAccount.equals(account) || roleAccount.equals(homeAccount)) {
            return false; // another account's role, or at home a role that is not one of the functions'
        }
        return parts[5].substring(parts[5].lastIndexOf('/') + 1).equals(memberRoleName);
    }
}
