package kvspoolguard.local.chime.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.PoolStatus;

/** A pool's mutable state inside the {@link PoolStore}; only touched under the store's lock. */
final class StoredPool {
    final String name;
    final AccountRegion where;
    final String arn;
    final String poolId;
    final Instant created;
    final String createToken;
    final String createFingerprint;
    final Map<String, String> tags = new LinkedHashMap<>();
    String streamRegion;
    Integer retentionHours;
    PoolStatus status;
    Integer poolSize;
    Instant updated;
    /** Bumped on every status change, so a transition scheduled before it is recognised as stale. */
    long version;

    StoredPool(String name, AccountRegion where, String arn, String poolId, Instant created,
               String createToken, String createFingerprint) {
        this.name = name;
        this.where = where;
        this.arn = arn;
        this.poolId = poolId;
        this.created = created;
        this.updated = created;
        this.createToken = createToken;
        this.createFingerprint = createFingerprint;
    }

    EmulatedPool snapshot() {
        return new EmulatedPool(name, where.accountId(), where.region(), streamRegion, retentionHours, status, poolSize, poolId,
                created, updated, tags);
    }
}
