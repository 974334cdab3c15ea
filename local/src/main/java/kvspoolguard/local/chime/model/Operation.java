package kvspoolguard.local.chime.model;

import java.util.Arrays;

/**
 * The operations the emulator serves, by their names in the service models: those of the KVS pool
 * API, those of the Kinesis Video Streams API on streams, and the two of STS that reach other
 * accounts (injected faults apply to the first two only: {@link #faultable()}).
 */
public enum Operation {
    CREATE_POOL("CreateMediaPipelineKinesisVideoStreamPool"),
    GET_POOL("GetMediaPipelineKinesisVideoStreamPool"),
    UPDATE_POOL("UpdateMediaPipelineKinesisVideoStreamPool"),
    LIST_POOLS("ListMediaPipelineKinesisVideoStreamPools"),
    DELETE_POOL("DeleteMediaPipelineKinesisVideoStreamPool"),
    TAG_RESOURCE("TagResource"),
    UNTAG_RESOURCE("UntagResource"),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource"),
    LIST_STREAMS("ListStreams"),
    DESCRIBE_STREAM("DescribeStream"),
    UPDATE_DATA_RETENTION("UpdateDataRetention"),
    DELETE_STREAM("DeleteStream"),
    CREATE_STREAM("CreateStream"),
    TAG_STREAM("TagStream"),
    UNTAG_STREAM("UntagStream"),
    LIST_TAGS_FOR_STREAM("ListTagsForStream"),
    ASSUME_ROLE("AssumeRole"),
    GET_CALLER_IDENTITY("GetCallerIdentity");

    private final String modelName;

    Operation(String modelName) {
        this.modelName = modelName;
    }

    /** True for an operation of the KVS pool API or of the stream API, false for one of STS. */
    public boolean faultable() {
        return this != ASSUME_ROLE && this != GET_CALLER_IDENTITY;
    }

    /** True for an operation of the Kinesis Video Streams API. */
    public boolean stream() {
        return ordinal() >= LIST_STREAMS.ordinal() && ordinal() <= LIST_TAGS_FOR_STREAM.ordinal();
    }

    /** The operation's name as the API model and AWS error messages spell it. */
    public String modelName() {
        return modelName;
    }

    /** Accepts the model name ({@code GetMediaPipelineKinesisVideoStreamPool}) or the constant ({@code GET_POOL}). */
    public static Operation fromName(String name) {
        return Arrays.stream(values())
                .filter(op -> op.modelName.equals(name) || op.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation: " + name
                        + " (expected one of " + Arrays.toString(values()) + ")"));
    }
}
