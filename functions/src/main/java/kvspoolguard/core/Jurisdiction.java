package kvspoolguard.core;

import java.util.Optional;
import kvspoolguard.core.attribution.GuardSessions;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.run.Problem;

/**
 * Whether a recorded call is this stack's to keep (or act on), decided once: its pool's account and region
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

    /**
     * Why a call on a pool's stream is not this stack's to act on: its account and region not
     * governed, or the guard's own call, or the media pipelines service's; empty when it is.
     */
    public Optional<Problem> refuses(StreamCall call) {
        if (!pools.governs(call.shard())) {
            return Optional.of(Problem.Ungoverned.of(call.pool().orElseThrow()));
        }
        if (call.byTheService() || sessions.own(call.actor(), call.shard().account())) {
            return Optional.of(Problem.OwnCall.of(call));
        }
        return Optional.empty();
    }
}
