package kvspoolguard.core.attribution;

/**
 * The guard's own sessions, in every account, so that its own calls are never taken for someone
 * else's: in the home account, the roles of the stack's functions (all under {@code rolePath});
 * in a member account, the member role the functions assume there.
 */
public record GuardSessions(String homeAccount, String rolePath, String memberRoleName) {

    public boolean own(PoolCall call) {
        String issuer = call.actor().sessionIssuerArn();
        // arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
        String[] parts = issuer == null ? new String[0] : issuer.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            return false;
        }
        String account = parts[4];
        String pathAndName = parts[5].substring("role".length());
        if (!account.equals(call.pool().account())) {
            return false; // a session of another account's role: not one the guard made there
        }
        if (account.equals(homeAccount)) {
            return rolePath != null && pathAndName.startsWith(rolePath);
        }
        return pathAndName.substring(pathAndName.lastIndexOf('/') + 1).equals(memberRoleName);
    }
}
