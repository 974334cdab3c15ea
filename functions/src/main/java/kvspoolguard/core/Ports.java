package kvspoolguard.core;

import java.util.Objects;

/**
 * Every port of the stack, grouped by what uses them: the {@link Fleet} (the read-only report
 * needs nothing else), the {@link Recording} of what a trigger saw and reports, and the
 * {@link Runs} of a sweep. {@link RetentionGuard} and {@code ShardedRuns} use all three;
 * {@link GuardedPools} the fleet and the recording; {@link CallRecords} the recording and the
 * {@link Jurisdiction}. None is null.
 */
public record Ports(Fleet fleet, Recording recording, Runs runs) {

    public Ports {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(runs, "runs");
    }
}
