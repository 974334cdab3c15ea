package kvspoolguard.testing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import kvspoolguard.core.run.DecreaseLedger;

/** The decrease budget's ledger in memory: a count per day taken under a lock, as DynamoDB's conditional write does. */
public final class InMemoryDecreaseLedger implements DecreaseLedger {

    private final Map<LocalDate, Integer> taken = new HashMap<>();
    private Integer fleet;

    @Override
    public synchronized boolean take(LocalDate day, int limit) {
        int now = taken.getOrDefault(day, 0);
        if (now >= limit) {
            return false;
        }
        taken.put(day, now + 1);
        return true;
    }

    @Override
    public synchronized void giveBack(LocalDate day) {
        taken.merge(day, -1, Integer::sum);
    }

    @Override
    public synchronized int taken(LocalDate day) {
        return taken.getOrDefault(day, 0);
    }

    @Override
    public synchronized OptionalInt fleet() {
        return fleet == null ? OptionalInt.empty() : OptionalInt.of(fleet);
    }

    @Override
    public synchronized void measured(int pools) {
        fleet = pools;
    }
}
