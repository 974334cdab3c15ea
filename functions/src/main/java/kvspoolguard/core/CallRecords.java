package kvspoolguard.core;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import kvspoolguard.core.attribution.DriftAttribution;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.history.HistoryException;
import kvspoolguard.core.run.EventRelay;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.core.state.StateStoreException;

/**
 * CloudTrail's records of the pool API's calls. Whether a call is this stack's to record is decided
 * here, once: a call to a pool of an account and region the stack does not govern is refused
 * ({@link Problem.Ungoverned}); the guard's own calls are its enforcement, reported as such already
 * ({@link Problem.OwnCall}); anyone else's is kept with the pool, and, when it made a drift already
 * reported without an actor, a Pool Drift Attributed names them, once.
 */
public final class CallRecords {

    private final Jurisdiction jurisdiction;
    private final DriftAttribution attribution;
    private final EventPublisher events;

    /** Within {@code jurisdiction}, over the archive's calls and history, and the bus. */
    public CallRecords(Jurisdiction jurisdiction, Recording recording, Clock clock) {
        this.jurisdiction = jurisdiction;
        this.attribution = recording.archive().attribution(clock);
        this.events = recording.events();
    }

    /** A call CloudTrail recorded (a failed one changed nothing, and is not handed here). */
    public TriggerResult record(PoolCall call, Trigger trigger) {
        Optional<Problem> refused = jurisdiction.refuses(call);
        if (refused.isPresent()) {
            return TriggerResult.refused(trigger, refused.get());
        }
        List<GuardEvent> due;
        try {
            due = attribution.callMade(call, trigger.triggeredBy());
        } catch (StateStoreException | HistoryException e) {
            return TriggerResult.stateUnrecorded(trigger, call.pool().identifier() + ": " + e.getMessage());
        }
        EventRelay.Sent sent = EventRelay.sendKept(events, attribution::cleared, due);
        return TriggerResult.events(trigger, sent.published(), sent.unpublished());
    }
}
