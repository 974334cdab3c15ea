package kvspoolguard.core;

import java.time.Clock;
import java.util.Objects;
import kvspoolguard.core.attribution.CallLedger;
import kvspoolguard.core.attribution.DriftAttribution;
import kvspoolguard.core.history.PoolHistory;

/**
 * What the guard keeps about each pool's past: the events it published ({@code history}) and the
 * pool API's calls CloudTrail recorded ({@code calls}), which together say who made a drift.
 */
public record Archive(PoolHistory history, CallLedger calls) {

    public Archive {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(calls, "calls");
    }

    /** Who made the drifts found, as of {@code clock}. */
    public DriftAttribution attribution(Clock clock) {
        return new DriftAttribution(calls, history, clock);
    }
}
