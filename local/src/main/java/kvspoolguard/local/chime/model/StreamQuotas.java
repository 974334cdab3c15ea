package kvspoolguard.local.chime.model;

/**
 * Kinesis Video Streams' control-plane quotas, requests per second (0: none): per account and
 * region for ListStreams, DescribeStream and UpdateDataRetention, and per stream for
 * UpdateDataRetention. Above them the emulator answers ClientLimitExceededException, as the
 * service does.
 */
public record StreamQuotas(double listStreams, double describeStream, double updateDataRetention,
                           double updateDataRetentionPerStream) {

    /** The documented quotas: 50, 300 and 50 per account, 5 per stream. */
    public static final StreamQuotas DOCUMENTED = new StreamQuotas(50, 300, 50, 5);

    /** No quota: for load that measures something else. */
    public static final StreamQuotas NONE = new StreamQuotas(0, 0, 0, 0);

    public StreamQuotas {
        for (double q : new double[] {listStreams, describeStream, updateDataRetention, updateDataRetentionPerStream}) {
            if (!(q >= 0)) {
                throw new IllegalArgumentException("a stream quota must be 0 (none) or positive, got " + q);
            }
        }
    }
}
