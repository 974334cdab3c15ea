package kvspoolguard.core.attribution;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.events.PoolRetentionDrifted;
import kvspoolguard.core.events.TriggeredBy;
import kvspoolguard.core.state.StateStoreException;
import kvspoolguard.core.state.Transition;

/**
 * Who made the drifts a run finds: the call that explains a drift as it is reported, or, for
 * drifts published without one, the events naming it once its record is found; and who tagged or
 * untagged a pool whose exemption started or ended.
 */
public interface DriftActors {

    /** No attribution: drifts are reported without an actor. */
    DriftActors NONE = new DriftActors() {
        @Override
        public PoolCall explaining(Transition drift) {
            return null;
        }

        @Override
        public PoolCall tagging(Transition exemption) {
            return null;
        }

        @Override
        public List<GuardEvent> published(List<Drift> drifts, TriggeredBy trigger) {
            return List.of();
        }

        @Override
        public void cleared(String arn, Set<String> eventIds) {
        }
    };

    /**
     * The recorded call that set the pool to the drifted value, between the two sights of it, and
     * not claimed by another drift; null when none is recorded (yet).
     *
     * @throws kvspoolguard.core.state.StateStoreException when the calls cannot be read
     */
    PoolCall explaining(Transition drift);

    /**
     * The recorded TagResource or UntagResource call on the pool that made an exemption start or end,
     * the latest between the two sights of it; null when none is recorded (yet).
     *
     * @throws kvspoolguard.core.state.StateStoreException when the calls cannot be read
     */
    PoolCall tagging(Transition exemption);

    /** A Pool Retention Drifted a run published; the pool was last seen otherwise at {@code since}. */
    record Drift(PoolRetentionDrifted event, Instant since) {
    }

    /**
     * Drifts just published: those that named their call have claimed it, so that it explains no
     * other; for those that did not, a Pool Drift Attributed for each whose call was recorded
     * meanwhile, kept with the pool's calls until {@link #cleared}.
     */
    List<GuardEvent> published(List<Drift> drifts, TriggeredBy trigger);

    /**
     * The bus has these attribution events of the pool {@code arn}: they are no longer kept with
     * its calls to publish (the outbox a run's event relay clears).
     *
     * @throws StateStoreException when the pool's calls cannot be written
     */
    void cleared(String arn, Set<String> eventIds);
}
