package kvspoolguard.core.run;

import java.util.Objects;

/** How a run behaves: its id (in every report and event), dry-run, and its update cap. */
public record RunOptions(String runId, boolean dryRun, UpdateCap cap) {

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cap, "cap");
    }
}
