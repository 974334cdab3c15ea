package kvspoolguard.core.run;

import java.util.Objects;

/**
 * How a run behaves: its id (in every report and event), dry-run, and the blast-radius cap as a
 * count and/or a percent of the fleet (null: no such cap).
 */
public record RunOptions(String runId, boolean dryRun, Integer maxUpdates, Integer maxUpdatesPercent) {

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        if (maxUpdates != null && maxUpdates < 0) {
            throw new IllegalArgumentException("maxUpdates must be 0 or more, got " + maxUpdates);
        }
        if (maxUpdatesPercent != null && (maxUpdatesPercent < 0 || maxUpdatesPercent > 100)) {
            throw new IllegalArgumentException("maxUpdatesPercent must be within 0..100, got " + maxUpdatesPercent);
        }
    }
}
