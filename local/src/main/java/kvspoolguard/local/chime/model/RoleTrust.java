package kvspoolguard.local.chime.model;

import java.util.Objects;

/**
 * What STS {@code AssumeRole} answers for one role: every role of every account can be assumed
 * unless a trust says otherwise. {@code refused} makes it answer {@code AccessDenied}, as a role
 * whose trust policy does not name the caller does; a non-null {@code externalId} makes it refuse
 * any call that does not send that external id.
 */
public record RoleTrust(String roleArn, boolean refused, String externalId) {

    public RoleTrust {
        Objects.requireNonNull(roleArn, "roleArn");
        if (!RoleArns.valid(roleArn)) {
            throw new IllegalArgumentException("not a role ARN: " + roleArn
                    + " (expected arn:aws:iam::123456789012:role/Name)");
        }
    }

    /** A role that refuses every caller. */
    public static RoleTrust refusing(String roleArn) {
        return new RoleTrust(roleArn, true, null);
    }

    /** A role that admits callers sending this external id, and only them. */
    public static RoleTrust requiringExternalId(String roleArn, String externalId) {
        return new RoleTrust(roleArn, false, Objects.requireNonNull(externalId, "externalId"));
    }
}
