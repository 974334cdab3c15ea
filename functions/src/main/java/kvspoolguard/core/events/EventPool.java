package kvspoolguard.core.events;

import kvspoolguard.core.pool.PoolRef;

/** A pool as events name it: its ARN (null for a pool a request named but no one has read), name, region and account. */
public record EventPool(String arn, String name, String region, String account) {

    public static EventPool of(PoolRef ref) {
        return new EventPool(ref.arn(), ref.name(), ref.region(), ref.account());
    }

    /** A pool as seen: name and region are empty, never null, when the sight did not give them. */
    public static EventPool seen(String arn, String name, String region) {
        return new EventPool(arn, name == null ? "" : name, region == null ? "" : region,
                PoolRef.fromArn(arn).account());
    }
}
