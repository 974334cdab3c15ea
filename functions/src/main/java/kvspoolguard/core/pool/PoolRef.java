package kvspoolguard.core.pool;

import java.util.Objects;

/**
 * What addresses a pool: the region whose API holds it, its name and, once known, its ARN. A List
 * summary gives all three; a caller naming a pool gives the name only ({@link #named}), and the
 * first read of the pool tells the rest.
 */
public record PoolRef(String region, String name, String arn) {

    private static final String RESOURCE = "media-pipeline-kinesis-video-stream-pool/";

    public PoolRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
    }

    /** A pool known by name only, in the given region. */
    public static PoolRef named(String region, String name) {
        return new PoolRef(region, name, null);
    }

    /** The reference of a pool as read. */
    public static PoolRef of(Pool pool) {
        return new PoolRef(pool.region(), pool.name(), pool.arn());
    }

    /** What the API takes as the pool's identifier: its ARN when known, else its name. */
    public String identifier() {
        return arn != null ? arn : name;
    }

    /**
     * The pool an ARN names ({@code arn:PARTITION:chime:REGION:ACCOUNT:media-pipeline-kinesis-video-stream-pool/NAME}):
     * its region is the API region that holds it.
     *
     * @throws IllegalArgumentException when the text is not such an ARN
     */
    public static PoolRef fromArn(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("chime") || parts[3].isEmpty()
                || !parts[5].startsWith(RESOURCE) || parts[5].length() == RESOURCE.length()) {
            throw new IllegalArgumentException("not a KVS pool ARN: '" + arn + "' (expected arn:aws:chime:REGION:"
                    + "ACCOUNT:" + RESOURCE + "NAME)");
        }
        return new PoolRef(parts[3], parts[5].substring(RESOURCE.length()), arn);
    }
}
