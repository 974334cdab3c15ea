package kvspoolguard.core.attribution;

import java.time.Instant;
import java.util.List;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;

/**
 * Who made the drifts a run finds: the call that explains a drift as it is reported, or, for
 * drifts published without one, the events naming it once its record is found.
 */
public interface DriftActors {

    /** No attribution: drifts are reported without an actor. */
    DriftActors NONE = new DriftActors() {
        @Override
        public PoolCall explaining(Transition drift) {
            return null;
        }

        @Override
        public List<GuardEvent> published(List<Drift> drifts, TriggeredBy trigger) {
            return List.of();
        }

        @Override
        public void attributed(List<GuardEvent> events) {
        }
    };

    /**
     * The recorded call that set the pool to the drifted value, between the two sights of it, and
     * not claimed by another drift; null when none is recorded (yet).
     *
     * @throws kvspoolguard.core.state.StateStoreException when the calls cannot be read
     */
    PoolCall explaining(Transition drift);

    /** A Pool Retention Drifted a run published; the pool was last seen otherwise at {@code since}. */
    record Drift(PoolRetentionDrifted event, Instant since) {
    }

    /**
     * Drifts just published: those that named their call have claimed it, so that it explains no
     * other; for those that did not, a Pool Drift Attributed for each whose call was recorded
     * meanwhile, kept until {@link #attributed}.
     */
    List<GuardEvent> published(List<Drift> drifts, TriggeredBy trigger);

    /** The bus has these attribution events: they are no longer kept to publish. */
    void attributed(List<GuardEvent> events);

    /** What publishing attribution events came to; {@code stateError} null when their outboxes were cleared. */
    record Handed(List<GuardEvent> published, List<GuardEvent> unpublished, String stateError) {
    }

    /**
     * Puts attribution events on the bus and drops those it took from the pools' calls; those it
     * refused stay there for a later delivery to publish.
     */
    default Handed hand(List<GuardEvent> attributed, EventPublisher publisher) {
        List<GuardEvent> unpublished = List.of();
        try {
            publisher.publish(attributed);
        } catch (EventPublishException e) {
            unpublished = e.unpublished();
        }
        List<GuardEvent> refused = unpublished;
        List<GuardEvent> published = attributed.stream().filter(a -> !refused.contains(a)).toList();
        try {
            attributed(published);
        } catch (StateStoreException e) {
            return new Handed(published, unpublished, "calls of " + published.size() + " pools: " + e.getMessage());
        }
        return new Handed(published, unpublished, null);
    }
}
