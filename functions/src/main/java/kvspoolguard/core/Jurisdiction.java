package kvspoolguard.core;

import java.util.Optional;
import kvspoolguard.core.attribution.GuardSessions;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.run.Problem;

/**
 * Whether a recorded call is this stack's to keep, decided once: its pool's account and region
 * governed ({@code pools}), and its session not one of the guard's own ({@code sessions}).
 */
public record Jurisdiction(PoolDirectory pools, GuardSessions sessions) {

    /** Why the call is not this stack's to keep; empty when it is. */
    public Optional<Problem> refuses(PoolCall call) {
        if (!pools.governs(call.pool().shard())) {
            return Optional.of(Problem.Ungoverned.of(call.pool()));
        }
        if (sessions.own(call)) {
            return Optional.of(Problem.OwnCall.of(call));
        }
        return Optional.empty();
    }
}
