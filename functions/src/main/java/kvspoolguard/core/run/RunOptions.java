package kvspoolguard.core.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves: its id (in every report and event), dry-run, its update cap, and how long it
 * may take before it is reported incomplete.
 */
public record RunOptions(String runId, boolean dryRun, UpdateCap cap, Duration deadline) {

    /** The deadline of a run when none is configured: the default schedule's period. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(deadline, "deadline");
    }

    public RunOptions(String runId, boolean dryRun, UpdateCap cap) {
        this(runId, dryRun, cap, DEFAULT_DEADLINE);
    }

    /** These options, with a run expected to finish within {@code value}. */
    public RunOptions withDeadline(Duration value) {
        return new RunOptions(runId, dryRun, cap, value);
    }
}
