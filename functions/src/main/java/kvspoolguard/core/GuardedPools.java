package kvspoolguard.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Rule;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.run.Caller;
import kvspoolguard.core.run.EventCatalog;
import kvspoolguard.core.run.Journal;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.Workers;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.PoolStateTracker;

/**
 * The pools as the API serves them: each read with the policy's verdict, and changed by a caller
 * only within the policy. It works through the same ports, state tracking and events as
 * {@link RetentionGuard}: a change made here is recorded before it is made, so the aws.chime
 * Updated event it causes is no drift, and reported as Pool Retention Changed with who made it.
 * Every method reads the policy first and fails closed: {@link InvalidPolicyException} or
 * {@link PolicySourceException} before any pool is read.
 */
public final class GuardedPools {

    /** A pool and what the policy says of it. */
    public record Judged(Pool pool, Verdict verdict) {
    }

    /** One page of pools, judged under {@code policy}; {@code nextToken} null on the last page. */
    public record Listing(List<Judged> pools, String nextToken, RetentionPolicy policy) {
    }

    private final RetentionGuard.Ports ports;
    private final PoolStateTracker tracker;
    private final int concurrency;
    private final Clock clock;

    public GuardedPools(RetentionGuard.Ports ports, int concurrency, Clock clock) {
        this.ports = ports;
        this.tracker = new PoolStateTracker(ports.state(), clock);
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** The policy in force and where it is read from. */
    public RetentionPolicy policy() {
        return ports.policy().current();
    }

    public String policyLocation() {
        return ports.policy().location();
    }

    /**
     * One page of the listing, each pool read (concurrently, as a sweep reads them) and judged.
     * A pool deleted between the listing and its read is left out.
     *
     * @throws IllegalArgumentException when the token is not one an earlier page gave
     */
    public Listing page(String token, int limit) {
        RetentionPolicy policy = policy();
        PoolPage page = ports.pools().page(token, limit);
        List<Judged> judged = Workers.map(page.pools(), concurrency, ref -> {
            try {
                return judge(ports.pools().describe(ref, policy.needsTags()), policy);
            } catch (PoolDirectoryException e) {
                if (e.kind() == PoolDirectoryException.Kind.NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        });
        return new Listing(judged.stream().filter(Objects::nonNull).toList(), page.nextToken(), policy);
    }

    /** One pool and its verdict. */
    public Judged inspect(PoolRef ref) {
        RetentionPolicy policy = policy();
        return judge(ports.pools().describe(ref, policy.needsTags()), policy);
    }

    /**
     * Sets the pool's retention to {@code hours} if its rule allows that value (any value when the
     * pool is exempt) and the pool is ACTIVE. The value is checked against the policy before the
     * pool's status, since a value outside the policy stays refused whatever the status.
     */
    public RetentionChange changeRetention(PoolRef ref, int hours, Caller caller, Trigger trigger) {
        RetentionPolicy policy = policy();
        Instant readAt = clock.instant();
        Pool pool = ports.pools().describe(ref, policy.needsTags());
        Verdict verdict = policy.verdictFor(pool);
        Rule rule = verdict instanceof Verdict.Exempt ? null : policy.ruleFor(pool);
        if (rule != null && rule.bounds().requiredFor(hours) != hours) {
            return new RetentionChange.Refused(RetentionChange.Refused.Reason.OUTSIDE_POLICY, hours
                    + " hours is outside the policy for pool " + pool.name() + ": rule '" + rule.name()
                    + "' allows " + rule.bounds().describe());
        }
        if (pool.status() != PoolStatus.ACTIVE) {
            return new RetentionChange.Refused(RetentionChange.Refused.Reason.POOL_NOT_ACTIVE, "pool "
                    + pool.name() + " is " + pool.status() + "; its retention can change only when it is ACTIVE");
        }
        Journal journal = new Journal(trigger, tracker, ports.events(), clock);
        if (Objects.equals(pool.retentionHours(), hours)) {
            journal.observe(Observation.of(pool, readAt));
            return new RetentionChange.Unchanged(new Judged(pool, verdict), journal.publish(null, null));
        }
        String ruleName = rule == null ? null : rule.name();
        journal.beforeUpdate(pool, readAt, hours,
                EventCatalog.retentionChanged(pool, hours, ruleName, caller, trigger, clock.instant()));
        Pool after;
        try {
            after = ports.pools().updateRetention(PoolRef.of(pool), hours).withTags(pool.tags());
        } catch (PoolDirectoryException e) {
            return new RetentionChange.Failed(e, journal.publish(null, null));
        }
        Instant now = clock.instant();
        journal.updated(Observation.of(pool, readAt).enforced(hours, now),
                EventCatalog.retentionChanged(pool, hours, ruleName, caller, trigger, now));
        return new RetentionChange.Changed(judge(after, policy), journal.publish(null, null));
    }

    private static Judged judge(Pool pool, RetentionPolicy policy) {
        return new Judged(pool, policy.verdictFor(pool));
    }
}
