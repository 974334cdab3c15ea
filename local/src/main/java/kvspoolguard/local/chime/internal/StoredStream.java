package kvspoolguard.local.chime.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import kvspoolguard.local.chime.model.EmulatedStream;

/** A stream's mutable state inside the {@link StreamStore}; only touched under the pool store's lock. */
final class StoredStream {
    static final String ACTIVE = "ACTIVE";
    static final String DELETING = "DELETING";

    final String name;
    final AccountRegion where;
    final String arn;
    final Instant created;
    final String mediaType;
    final String kmsKeyId;
    final String deviceName;
    final Map<String, String> tags = new LinkedHashMap<>();
    int retentionHours;
    String version = nextVersion();
    String status = ACTIVE;
    /** The per-stream UpdateDataRetention quota's bucket; null when that quota is off. */
    TokenBucket updates;

    StoredStream(String name, AccountRegion where, Instant created, int retentionHours, String mediaType,
                 String kmsKeyId, String deviceName) {
        this.name = name;
        this.where = where;
        this.arn = "arn:aws:kinesisvideo:" + where.region() + ":" + where.accountId() + ":stream/" + name + "/"
                + created.toEpochMilli();
        this.created = created;
        this.retentionHours = retentionHours;
        this.mediaType = mediaType;
        this.kmsKeyId = kmsKeyId;
        this.deviceName = deviceName;
    }

    /** A new version: every change of a stream gets one, as CurrentVersion checks rely on. */
    static String nextVersion() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    EmulatedStream snapshot() {
        return new EmulatedStream(name, where.accountId(), where.region(), arn, retentionHours, version, status,
                mediaType, kmsKeyId, created, tags);
    }
}
