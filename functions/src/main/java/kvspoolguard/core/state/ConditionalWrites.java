package kvspoolguard.core.state;

import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The core's one read-modify-write loop over a versioned record (a pool's state, its calls): each
 * attempt reads the record, works out what to write and writes it on condition that the version
 * read is still the stored one; an attempt that lost the race to another writer is made again from
 * a fresh read. A store that fails is not retried here (its adapter retried already).
 */
public final class ConditionalWrites {

    /** Attempts before giving up on a record that keeps changing. */
    public static final int ATTEMPTS = 5;

    private ConditionalWrites() {
    }

    /**
     * What the first attempt that did not lose the race gives. {@code attempt}, given its index (0
     * first), is empty when its write lost, and a value when it wrote or found nothing to write.
     *
     * @param record  what kept changing, for the message ({@code "the calls of " + arn})
     * @param purpose what the attempts were for ({@code "record them"})
     * @throws StateStoreException when every attempt lost
     */
    public static <T> T retried(String record, String purpose, IntFunction<Optional<T>> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<T> done = attempt.apply(i);
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new StateStoreException(record + " kept changing under " + ATTEMPTS + " attempts to " + purpose, null);
    }

    /** As {@link #retried}, for a write that gives nothing back: {@code attempt} is false when it lost. */
    public static void retriedUntil(String record, String purpose, IntPredicate attempt) {
        ConditionalWrites.<Boolean>retried(record, purpose, i -> attempt.test(i) ? Optional.of(true) : Optional.empty());
    }
}
