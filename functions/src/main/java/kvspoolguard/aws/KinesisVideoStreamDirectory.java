package kvspoolguard.aws;

import java.util.function.Supplier;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;
import kvspoolguard.core.stream.StreamDirectory;
import kvspoolguard.core.stream.StreamDirectoryException;
import kvspoolguard.core.stream.StreamPage;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisvideo.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.KinesisVideoException;
import software.amazon.awssdk.services.kinesisvideo.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The streams over the Kinesis Video Streams API, one client per shard ({@link ChimeClients}).
 * ListStreams gives each stream's retention and version, so reading a pool's streams needs no
 * DescribeStream; UpdateDataRetention is relative, so a change is the difference from the
 * retention read, from the version read. SDK errors, after the client's own retries, become
 * {@link StreamDirectoryException}s of the kind the run tells apart.
 */
public final class KinesisVideoStreamDirectory implements StreamDirectory {

    /** ListStreams' largest page. */
    static final int PAGE_SIZE = 10_000;

    private final ChimeClients clients;

    public KinesisVideoStreamDirectory(ChimeClients clients) {
        this.clients = clients;
    }

    @Override
    public StreamPage page(Shard where, String prefix, String token) {
        ListStreamsResponse page = call("ListStreams in " + where, () -> clients.streams(where).listStreams(r -> r
                .maxResults(PAGE_SIZE).nextToken(token).streamNameCondition(c -> c
                        .comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue(prefix))));
        return new StreamPage(page.streamInfoList().stream().map(s -> toStream(where, s)).toList(), page.nextToken());
    }

    @Override
    public Stream describe(Stream stream) {
        return toStream(stream.shard(), call("DescribeStream " + stream.name(), () -> clients.streams(stream.shard())
                .describeStream(r -> r.streamARN(stream.arn())).streamInfo()));
    }

    @Override
    public void changeRetention(Stream stream, int hours) {
        int by = hours - stream.retentionHours();
        if (by == 0) {
            return;
        }
        call("UpdateDataRetention " + stream.name(), () -> clients.streams(stream.shard()).updateDataRetention(r -> r
                .streamARN(stream.arn()).currentVersion(stream.version())
                .operation(by > 0 ? UpdateDataRetentionOperation.INCREASE_DATA_RETENTION
                        : UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
                .dataRetentionChangeInHours(Math.abs(by))));
    }

    static Stream toStream(Shard where, StreamInfo info) {
        return new Stream(info.streamName(), info.streamARN(), where,
                info.dataRetentionInHours() == null ? 0 : info.dataRetentionInHours(), info.version(),
                info.statusAsString(), info.creationTime());
    }

    /** As the pool directory's: the message names the call and how it failed, the service's text is the cause. */
    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StsException sts) {
                    throw new StreamDirectoryException(sts.statusCode() == 403 ? StreamDirectoryException.Kind.REJECTED
                            : StreamDirectoryException.Kind.UNAVAILABLE,
                            what + ": the member role could not be assumed: " + SdkFailures.summary(sts), e);
                }
            }
            throw new StreamDirectoryException(kindOf(e), what + ": " + SdkFailures.summary(e), e);
        }
    }

    static StreamDirectoryException.Kind kindOf(SdkException e) {
        return switch (e) {
            case ResourceNotFoundException n -> StreamDirectoryException.Kind.NOT_FOUND;
            case VersionMismatchException v -> StreamDirectoryException.Kind.VERSION_MISMATCH;
            case ResourceInUseException u -> StreamDirectoryException.Kind.IN_USE;
            case ClientLimitExceededException t -> StreamDirectoryException.Kind.THROTTLED;
            case InvalidArgumentException i -> StreamDirectoryException.Kind.INVALID_REQUEST;
            case KinesisVideoException k when k.statusCode() >= 500 -> StreamDirectoryException.Kind.UNAVAILABLE;
            case SdkClientException io -> StreamDirectoryException.Kind.UNAVAILABLE; // network, timeouts
            default -> StreamDirectoryException.Kind.REJECTED;
        };
    }
}
