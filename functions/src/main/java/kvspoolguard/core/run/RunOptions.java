package kvspoolguard.core.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves: its id (in every report and event), dry-run, its update cap, how long it may
 * take before it is reported incomplete, how much of its invocation's time a shard step keeps
 * back (it lists no further page once only that is left), and how many pools a new version of the
 * policy may lower before its decreases wait for approval (null: any number).
 */
public record RunOptions(String runId, boolean dryRun, UpdateCap cap, Duration deadline, Duration stepReserve,
                         Integer approvalThreshold) {

    /** The deadline of a run when none is configured: the default schedule's period. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(stepReserve, "stepReserve");
    }

    /** A run expected to finish within {@link #DEFAULT_DEADLINE}, whose steps keep nothing back. */
    public RunOptions(String runId, boolean dryRun, UpdateCap cap) {
        this(runId, dryRun, cap, DEFAULT_DEADLINE, Duration.ZERO, null);
    }

    /** These options, with a run expected to finish within {@code value}. */
    public RunOptions withDeadline(Duration value) {
        return new RunOptions(runId, dryRun, cap, value, stepReserve, approvalThreshold);
    }

    /** These options, with steps that keep {@code value} of their invocation's time back. */
    public RunOptions withStepReserve(Duration value) {
        return new RunOptions(runId, dryRun, cap, deadline, value, approvalThreshold);
    }

    /** These options, with a new version of the policy lowering at most {@code value} pools unapproved. */
    public RunOptions withApprovalThreshold(Integer value) {
        return new RunOptions(runId, dryRun, cap, deadline, stepReserve, value);
    }
}
