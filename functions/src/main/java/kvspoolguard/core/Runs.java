package kvspoolguard.core;

import java.util.Objects;
import kvspoolguard.core.run.RunLedger;
import kvspoolguard.core.run.ShardQueue;

/** How a sweep is kept and fanned out: the runs' records ({@code ledger}) and the shard steps' queue. */
public record Runs(RunLedger ledger, ShardQueue queue) {

    public Runs {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(queue, "queue");
    }
}
