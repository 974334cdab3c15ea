package kvspoolguard.local.chime.model;

import java.util.Arrays;

/**
 * The operations the emulator serves, by their names in the service models: those of the KVS pool
 * API, and the two of STS that reach other accounts ({@link #pool()} tells them apart; injected
 * faults and rate limits apply to the pool operations only).
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
    ASSUME_ROLE("AssumeRole"),
    GET_CALLER_IDENTITY("GetCallerIdentity");

    private final String modelName;

    Operation(String modelName) {
        this.modelName = modelName;
    }

    /** True for an operation of the KVS pool API, false for one of STS. */
    public boolean pool() {
        return this != ASSUME_ROLE && this != GET_CALLER_IDENTITY;
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
