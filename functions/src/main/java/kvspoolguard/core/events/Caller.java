package kvspoolguard.core.events;

import java.util.Objects;

/**
 * Who asked for a change, as the API's authoriser vouched for it: {@code iam} with the caller's
 * principal ARN, or {@code jwt} with the token's issuer and subject. Nothing more is kept of a
 * caller (no keys, no token, no source address): it is what the audit trail needs.
 */
public record Caller(String authorizer, String principal) {

    public Caller {
        Objects.requireNonNull(authorizer, "authorizer");
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("a caller needs a principal");
        }
    }
}
