package kvspoolguard.core.stream;

import java.util.ArrayList;
import java.util.List;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolStatus;

/**
 * Which of a pool's streams hold another retention than the pool should have. A pool's streams
 * are judged only while it is ACTIVE: while it is UPDATING the service is still bringing them to
 * its setting.
 */
public final class PoolStreams {

    private PoolStreams() {
    }

    /** True when the pool's streams are judged now. */
    public static boolean judged(Pool pool) {
        return pool.status() == PoolStatus.ACTIVE && pool.id() != null && pool.retentionHours() != null;
    }

    /** The pool's own streams among {@code streams} (named after its whole PoolId). */
    public static List<Stream> of(Pool pool, List<Stream> streams) {
        return streams.stream().filter(s -> s.of(pool.id())).toList();
    }

    /** The pool's ACTIVE streams that do not hold {@code requiredHours}, in the order given. */
    public static List<StreamDrift> drifted(Pool pool, int requiredHours, List<Stream> streams) {
        List<StreamDrift> drifts = new ArrayList<>();
        for (Stream stream : of(pool, streams)) {
            if (stream.active() && stream.retentionHours() != requiredHours) {
                drifts.add(new StreamDrift(stream, requiredHours));
            }
        }
        return drifts;
    }
}
