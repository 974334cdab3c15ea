package kvspoolguard.core;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import kvspoolguard.core.policy.Judging;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Workers;

/**
 * The read-only use case: the pools, each read with the policy's verdict. It takes the two ports
 * it reads, the pool directory and the policy source, and nothing it could write to: the command
 * line's report is this, and the API's reads go through it ({@link GuardedPools}). It reads the
 * policy first and fails closed; every failure comes back as a {@link Problem}, never thrown.
 */
public final class PoolVerdicts {

    /** A pool and what the policy says of it. */
    public record Judged(Pool pool, Verdict verdict) {
    }

    /** What a read judges by: the policy in force, and where and when (the accounts' places, the time). */
    public record Under(RetentionPolicy policy, Judging judging) {
    }

    /** One page of pools, judged under {@code policy}; {@code nextToken} null on the last page. */
    public record Listing(List<Judged> pools, String nextToken, RetentionPolicy policy) {
    }

    private final Fleet fleet;
    private final PoolDirectory pools;
    private final PolicySource policies;
    private final int concurrency;
    private final Clock clock;

    /** {@code concurrency}: how many pools a page reads at once; {@code clock}: when a listed exemption ends. */
    public PoolVerdicts(Fleet fleet, int concurrency, Clock clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.pools = fleet.pools();
        this.policies = fleet.policy();
        this.concurrency = concurrency;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The pools and the policy this reads. */
    public Fleet fleet() {
        return fleet;
    }

    /** The policy in force. */
    public Answer<RetentionPolicy> policy() {
        return PolicyInForce.read(policies);
    }

    /**
     * One page of the listing of the shards {@code only} accepts, each pool read (concurrently, as a
     * sweep reads them) and judged. A pool deleted between the listing and its read is left out.
     */
    public Answer<Listing> page(ShardFilter only, String token, int limit) {
        return underPolicy(under -> {
            RetentionPolicy policy = under.policy();
            PoolPage page = pools.page(only, token, limit);
            List<Judged> judged = Workers.map(page.pools(), concurrency, ref -> {
                try {
                    return judge(pools.describe(ref, policy.needsTags()), under);
                } catch (PoolDirectoryException e) {
                    if (e.kind() == PoolDirectoryException.Kind.NOT_FOUND) {
                        return null;
                    }
                    throw e;
                }
            });
            return new Listing(judged.stream().filter(Objects::nonNull).toList(), page.nextToken(), policy);
        });
    }

    /** One pool and its verdict. */
    public Answer<Judged> inspect(PoolRef ref) {
        return inspect(ref, (judged, under) -> judged);
    }

    /**
     * {@code then} on one pool, as read and judged under the policy in force (the read of
     * {@link #inspect(PoolRef)}, for a use case that goes on from it).
     */
    <T> Answer<T> inspect(PoolRef ref, BiFunction<Judged, Under, T> then) {
        return underPolicy(under -> then.apply(judge(pools.describe(ref, under.policy().needsTags()), under), under));
    }

    /**
     * Runs {@code work} under the policy in force, the accounts' places read afresh for it; the
     * policy's and the directory's failures are problems.
     */
    private <T> Answer<T> underPolicy(Function<Under, T> work) {
        return switch (PolicyInForce.read(policies)) {
            case Answer.Refused<RetentionPolicy> refused -> new Answer.Refused<>(refused.problem());
            case Answer.Done<RetentionPolicy> done -> {
                try {
                    var judging = new Judging(new Placements(fleet.accounts()), clock.instant());
                    yield new Answer.Done<>(work.apply(new Under(done.value(), judging)));
                } catch (PoolDirectoryException e) {
                    yield new Answer.Refused<>(Problem.of(e));
                }
            }
        };
    }

    static Judged judge(Pool pool, Under under) {
        return new Judged(pool, under.policy().verdictFor(pool, under.judging()));
    }
}
