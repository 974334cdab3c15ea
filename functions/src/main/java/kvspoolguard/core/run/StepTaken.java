package kvspoolguard.core.run;

import java.util.Map;

/**
 * What a taken step of a shard comes to, as its run's record keeps it: the page the shard's next
 * step starts from ({@code next}; null: the shard ended), the outcomes counted, and why the shard
 * ended early ({@code failure}; null: it did not fail).
 */
public record StepTaken(String next, Map<PoolOutcome.Kind, Integer> counts, ShardFailure failure) {

    public StepTaken {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }
}
