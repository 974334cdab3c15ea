package kvspoolguard.core.policy;

import java.time.Instant;
import java.util.Objects;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.Placements;

/**
 * What a pool is judged by besides itself and the policy: where its account is in the organisation
 * (for rules on units) and when (a listed exemption holds until a time).
 */
public record Judging(Placements places, Instant at) {

    public Judging {
        Objects.requireNonNull(places, "places");
        Objects.requireNonNull(at, "at");
    }

    /** Judging at {@code at} with no organisation to read: a rule on units is never decided. */
    public static Judging at(Instant at) {
        return new Judging(new Placements(AccountDirectory.NONE), at);
    }
}
