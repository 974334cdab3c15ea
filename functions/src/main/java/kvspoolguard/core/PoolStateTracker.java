package kvspoolguard.core;

import java.util.List;

/**
 * Turns observations into transitions, each emitted once: read the last record, compute the
 * transition, write conditionally; a writer that loses the race re-reads and finds the transition
 * already recorded (so it gets an empty one). Stale observations are never written.
 */
public final class PoolStateTracker {

    private static final int ATTEMPTS = 5;

    private final StateStore store;

    public PoolStateTracker(StateStore store) {
        this.store = store;
    }

    /** A tracker over the same store that reads the records of these pools a page at a time. */
    PoolStateTracker readingAhead(List<String> arns) {
        return new PoolStateTracker(new PagedStateReads(store, arns));
    }

    /** Records what was observed and returns the transition it makes, or an empty one. */
    public Transition observe(Observation observation) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var last = store.read(observation.arn());
            Observation previous = last.map(StateStore.Versioned::observation).orElse(null);
            Transition transition = Transition.between(previous, observation);
            if (transition.isEmpty()) {
                return transition;
            }
            if (store.writeIf(observation, last.map(StateStore.Versioned::version).orElse(0L))) {
                return transition;
            }
        }
        throw new StateStoreException("state of " + observation.arn() + " kept changing under "
                + ATTEMPTS + " attempts to record it", null);
    }

    /** Records a retention this service set, so that seeing it next time is no drift. */
    public void recordEnforced(Observation afterUpdate) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var last = store.read(afterUpdate.arn());
            if (last.isPresent() && afterUpdate.observedAt().isBefore(last.get().observation().observedAt())) {
                return; // a newer observation is already recorded
            }
            if (store.writeIf(afterUpdate, last.map(StateStore.Versioned::version).orElse(0L))) {
                return;
            }
        }
        throw new StateStoreException("could not record the update of " + afterUpdate.arn(), null);
    }

    /**
     * As {@link #observe}, for a pool this service is about to update: the record written also
     * carries the retention about to be set, so that a concurrent run reading the pool between the
     * update and {@link #recordEnforced} sees no drift. One read and one write, as observe.
     */
    public Transition observeBeforeUpdate(Observation observation, int hours) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var last = store.read(observation.arn());
            Observation previous = last.map(StateStore.Versioned::observation).orElse(null);
            Transition transition = Transition.between(previous, observation);
            // nothing new (or a stale read): keep the record as it is, only marked
            Observation marked = (transition.isEmpty() ? previous : observation).pending(hours);
            if (store.writeIf(marked, last.map(StateStore.Versioned::version).orElse(0L))) {
                return transition;
            }
        }
        throw new StateStoreException("could not record the coming update of " + observation.arn(), null);
    }
}
