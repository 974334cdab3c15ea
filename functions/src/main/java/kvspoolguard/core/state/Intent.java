package kvspoolguard.core.state;

import java.util.Objects;
import kvspoolguard.core.events.GuardEvent;

/** A retention this service is about to set ({@code hours}), and the event that will report it. */
public record Intent(int hours, GuardEvent report) {

    public Intent {
        Objects.requireNonNull(report, "report");
    }
}
