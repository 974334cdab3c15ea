package kvspoolguard.core.pool;

import java.util.Objects;

/**
 * What addresses a pool: the account and region whose API holds it, its name and, once known, its
 * ARN. A List summary gives all of them; a caller naming a pool gives its shard and name only
 * ({@link #named}), and the first read of the pool tells the rest.
 */
public record PoolRef(String account, String region, String name, String arn) {

    private static final String RESOURCE = "media-pipeline-kinesis-video-stream-pool/";

    public PoolRef {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    /** A pool known by name only, in the given shard. */
    public static PoolRef named(Shard shard, String name) {
        return new PoolRef(shard.account(), shard.region(), name, null);
    }

    /** A pool of a shard, as a List summary names it. */
    public static PoolRef listed(Shard shard, String name, String arn) {
        return new PoolRef(shard.account(), shard.region(), name, arn);
    }

    /** The reference of a pool as read. */
    public static PoolRef of(Pool pool) {
        return fromArn(pool.arn());
    }

    /** The account and region whose API holds the pool. */
    public Shard shard() {
        return new Shard(account, region);
    }

    /** What the API takes as the pool's identifier: its ARN when known, else its name. */
    public String identifier() {
        return arn != null ? arn : name;
    }

    /**
     * The pool an ARN names ({@code arn:PARTITION:chime:REGION:ACCOUNT:media-pipeline-kinesis-video-stream-pool/NAME}):
     * its account and region are the API that holds it.
     *
     * @throws IllegalArgumentException when the text is not such an ARN
     */
    public static PoolRef fromArn(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("chime") || parts[3].isEmpty()
                || !parts[4].matches("\\d{12}")
                || !parts[5].startsWith(RESOURCE) || parts[5].length() == RESOURCE.length()) {
            throw new IllegalArgumentException("not a KVS pool ARN: '" + arn + "' (expected arn:aws:chime:REGION:"
                    + "ACCOUNT:" + RESOURCE + "NAME, ACCOUNT 12 digits)");
        }
        return new PoolRef(parts[4], parts[3], parts[5].substring(RESOURCE.length()), arn);
    }
}
