package kvspoolguard.testing;

import java.time.Instant;
import kvspoolguard.core.events.EnforcementRunCompleted;
import kvspoolguard.core.events.EventPool;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.Origin;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.PoolRetentionEnforced;
import kvspoolguard.core.events.PoolSight;
import kvspoolguard.core.events.PoolStatusChanged;
import kvspoolguard.core.events.RunCounts;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.pool.PoolStatus;

/** Events as a run would make them, for tests of what carries, keeps or publishes them. */
public final class SampleDetails {

    public static final TriggeredBy SCHEDULE = new TriggeredBy("schedule", "run-1");

    private SampleDetails() {
    }

    /** A drift of the pool {@code arn} to {@code hours}, seen at {@code at}. */
    public static GuardEvent drifted(String arn, int hours, Instant at) {
        var sight = new PoolSight(EventPool.seen(arn, "p", "us-east-1"), PoolStatus.ACTIVE, hours, at);
        return new GuardEvent(at, PoolRetentionDrifted.of(24, sight, SCHEDULE));
    }

    /** A drift under a given id (as tests of storage name them). */
    public static GuardEvent drifted(String id, String arn, int hours, Instant at) {
        return new GuardEvent(at, new PoolRetentionDrifted(id, EventPool.seen(arn, "p", "us-east-1"), 24, hours,
                PoolStatus.ACTIVE, at, null, null, SCHEDULE));
    }

    /** A pool discovered, under a given id. */
    public static GuardEvent discovered(String id, String arn, Instant at) {
        return new GuardEvent(at, new PoolStatusChanged(id, EventPool.seen(arn, "p", "us-east-1"),
                PoolStatusChanged.Change.DISCOVERED, null, PoolStatus.ACTIVE, 720, null, at, SCHEDULE));
    }

    /** An update to {@code hours}, under a given id. */
    public static GuardEvent enforced(String id, String arn, int hours, Instant at) {
        return new GuardEvent(at, new PoolRetentionEnforced(id, EventPool.seen(arn, "p", "us-east-1"), "run-1", 9000,
                hours, "default", SCHEDULE));
    }

    /** A run completed at {@code at}, about no pool. */
    public static GuardEvent completed(String runId, Instant at) {
        return new GuardEvent(at, EnforcementRunCompleted.builder(new Origin(runId, SCHEDULE)).startedAt(
                at.minusSeconds(5)).finishedAt(at).policy(new EnforcementRunCompleted.PolicyRead("defaults", "defaults"))
                .counts(RunCounts.builder().compliant(1).build()).build());
    }
}
