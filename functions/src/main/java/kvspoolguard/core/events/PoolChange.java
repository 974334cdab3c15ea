package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/** A change of a pool's retention, made or due: from, to, and under which rule (null: none, the pool is exempt). */
@RecordBuilder
public record PoolChange(EventPool pool, Integer fromHours, Integer toHours, String rule) {

    public PoolChange {
        Objects.requireNonNull(pool, "pool");
    }

    public static PoolChangeBuilder builder() {
        return PoolChangeBuilder.builder();
    }
}
