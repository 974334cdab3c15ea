package kvspoolguard.core.run;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * Where the decreases of each day are counted, for every trigger alike, and where the governed
 * fleet's size is kept as the last sweep measured it. Takes are conditional, so concurrent
 * invocations never overshoot a day's limit. Implementations throw
 * {@link kvspoolguard.core.state.StateStoreException} when the store cannot be used.
 */
public interface DecreaseLedger {

    /** Takes one of {@code day}'s {@code limit} decreases: false when all are taken. */
    boolean take(LocalDate day, int limit);

    /** Gives back one of {@code day}'s decreases: taken, and not made. */
    void giveBack(LocalDate day);

    /** How many decreases {@code day} has taken. */
    int taken(LocalDate day);

    /** The governed fleet's size, as the last completed sweep measured it; empty before the first. */
    OptionalInt fleet();

    /** A completed sweep covered {@code pools} pools. */
    void measured(int pools);

    /** No ledger: a stack without a decrease budget never takes from it. */
    DecreaseLedger NONE = new DecreaseLedger() {
        @Override
        public boolean take(LocalDate day, int limit) {
            throw new IllegalStateException("no decrease budget to take from");
        }

        @Override
        public void giveBack(LocalDate day) {
            throw new IllegalStateException("no decrease budget to give back to");
        }

        @Override
        public int taken(LocalDate day) {
            return 0;
        }

        @Override
        public OptionalInt fleet() {
            return OptionalInt.empty();
        }

        @Override
        public void measured(int pools) {
            // no budget: no fleet to measure for it
        }
    };
}
