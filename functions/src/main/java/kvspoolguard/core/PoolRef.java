package kvspoolguard.core;

import java.util.Objects;

/** What a List summary gives of a pool: enough to Get it (its ARN) and to say which one it is. */
public record PoolRef(String region, String name, String arn) {

    private static final String RESOURCE = "media-pipeline-kinesis-video-stream-pool/";

    public PoolRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
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
