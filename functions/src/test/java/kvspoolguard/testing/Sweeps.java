package kvspoolguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.Enforcer;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.RunTerms;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.UpdateSlots;

/** Every shard of a directory swept in one step each, as one report: the enforcer's tests' sweep. */
public final class Sweeps {

    private Sweeps() {
    }

    public static RunReport every(Enforcer enforcer, PoolDirectory directory, RunTerms terms) {
        RunOptions options = terms.options();
        UpdateSlots.RunWide runWide = counted();
        List<PoolOutcome> outcomes = new ArrayList<>();
        List<ShardFailure> failed = new ArrayList<>();
        RunReport first = null;
        RunReport last = null;
        for (Shard shard : directory.shards()) {
            ShardStep from = ShardStep.builder().runId(options.runId()).trigger(Trigger.Kind.SCHEDULE)
                    .dryRun(options.dryRun()).shard(shard).build();
            Enforcer.StepReport step = enforcer.step(from, terms, new Enforcer.StepLimits(() -> false, runWide,
                    java.util.OptionalInt.empty()));
            first = first == null ? step.report() : first;
            last = step.report();
            outcomes.addAll(step.report().outcomes());
            failed.addAll(step.report().failedShards());
        }
        return first.toBuilder().finishedAt(last.finishedAt()).dryRun(options.dryRun()).outcomes(outcomes)
                .failedShards(failed).build();
    }

    /** A run-wide count kept in memory. */
    public static UpdateSlots.RunWide counted() {
        AtomicInteger taken = new AtomicInteger();
        return new UpdateSlots.RunWide() {
            @Override
            public boolean take(int limit) {
                return taken.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
            }

            @Override
            public void giveBack() {
                taken.decrementAndGet();
            }
        };
    }
}
