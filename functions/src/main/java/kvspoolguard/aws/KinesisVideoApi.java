package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;

/**
 * The three Kinesis Video Streams operations the functions call on one shard's streams, over its
 * REST-JSON protocol ({@link AwsJsonService}): the generated client would add a megabyte to the
 * package for them. Its endpoint is the SDK's: AWS_ENDPOINT_URL_KINESIS_VIDEO when set.
 */
final class KinesisVideoApi {

    private static final AwsJsonService.Service KINESIS_VIDEO = new AwsJsonService.Service("kinesisvideo", null,
            "Kinesis Video Streams");
    /** Kinesis Video Streams' answer to a call above its quotas (HTTP 400), which the SDK does not know as throttling. */
    static final String CLIENT_LIMIT_EXCEEDED = "ClientLimitExceededException";
    /**
     * Each call is tried at most this often, not the standard 3: KVS's quotas are hard and low (5
     * UpdateDataRetention a second per stream), and a stream left by a throttled call waits for the
     * next run.
     */
    static final int ATTEMPTS = 5;

    private final AwsJsonService kinesisVideo;

    /**
     * The shard's streams, reached by {@code transport}, whose retries should also retry
     * {@link #CLIENT_LIMIT_EXCEEDED}, {@link #ATTEMPTS} times ({@link AwsJsonService#standardRetriesAlsoOf}).
     */
    KinesisVideoApi(Shard shard, AwsJsonService.Transport transport) {
        URI endpoint = AwsJsonService.endpoint("KinesisVideo", "kinesisvideo", shard.region());
        this.kinesisVideo = new AwsJsonService(KINESIS_VIDEO, transport, new AwsJsonService.Target(shard.region(),
                endpoint));
    }

    /** A page of the streams whose names begin with {@code prefix}; {@code token} null asks for the first. */
    JsonNode listStreams(String prefix, String token, int limit) {
        ObjectNode input = AwsJsonService.input().put("MaxResults", limit);
        input.putObject("StreamNameCondition").put("ComparisonOperator", "BEGINS_WITH").put("ComparisonValue", prefix);
        return kinesisVideo.call("ListStreams", token == null ? input : input.put("NextToken", token));
    }

    JsonNode describeStream(String arn) {
        return kinesisVideo.call("DescribeStream", AwsJsonService.input().put("StreamARN", arn));
    }

    /** Relative: up ({@code by} above 0) or down by {@code by} hours, from the version the stream was read in. */
    void updateDataRetention(Stream stream, int by) {
        kinesisVideo.call("UpdateDataRetention", AwsJsonService.input().put("StreamARN", stream.arn())
                .put("CurrentVersion", stream.version())
                .put("Operation", by > 0 ? "INCREASE_DATA_RETENTION" : "DECREASE_DATA_RETENTION")
                .put("DataRetentionChangeInHours", Math.abs(by)));
    }
}
