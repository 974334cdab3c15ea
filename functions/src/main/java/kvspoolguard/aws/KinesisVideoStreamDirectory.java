package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;
import kvspoolguard.core.stream.StreamDirectory;
import kvspoolguard.core.stream.StreamDirectoryException;
import kvspoolguard.core.stream.StreamPage;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The streams over the Kinesis Video Streams API, one per shard ({@link ChimeClients#streams}).
 * ListStreams gives each stream's retention and version, so reading a pool's streams needs no
 * DescribeStream; UpdateDataRetention is relative, so a change is the difference from the
 * retention read, from the version read. Failures, after the retries, become
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
        JsonNode page = call("ListStreams in " + where, () -> clients.streams(where).listStreams(prefix, token,
                PAGE_SIZE));
        List<Stream> streams = new ArrayList<>();
        page.path("StreamInfoList").forEach(info -> streams.add(toStream(where, info)));
        return new StreamPage(streams, page.path("NextToken").asText(null));
    }

    @Override
    public Stream describe(Stream stream) {
        return toStream(stream.shard(), call("DescribeStream " + stream.name(),
                () -> clients.streams(stream.shard()).describeStream(stream.arn())).path("StreamInfo"));
    }

    @Override
    public void changeRetention(Stream stream, int hours) {
        int by = hours - stream.retentionHours();
        if (by == 0) {
            return;
        }
        call("UpdateDataRetention " + stream.name(), () -> {
            clients.streams(stream.shard()).updateDataRetention(stream, by);
            return null;
        });
    }

    /** A StreamInfo; its CreationTime is epoch seconds, as REST-JSON writes a timestamp without a format. */
    static Stream toStream(Shard where, JsonNode info) {
        JsonNode created = info.path("CreationTime");
        return new Stream(info.path("StreamName").asText(), info.path("StreamARN").asText(), where,
                info.path("DataRetentionInHours").asInt(0), info.path("Version").asText(null),
                info.path("Status").asText(null), created.isNumber()
                        ? Instant.ofEpochMilli(Math.round(created.asDouble() * 1000)) : null);
    }

    /** As the pool directory's: the message names the call and how it failed, the service's text is the cause. */
    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            StsException sts = SdkFailures.stsAnswer(e);
            if (sts != null) { // refused (403) is for the member account to fix; the rest passes
                throw new StreamDirectoryException(sts.statusCode() == 403 ? StreamDirectoryException.Kind.REJECTED
                        : StreamDirectoryException.Kind.UNAVAILABLE,
                        what + ": the member role could not be assumed: " + SdkFailures.summary(sts), e);
            }
            throw new StreamDirectoryException(kindOf(e), what + ": " + SdkFailures.summary(e), e);
        }
    }

    static StreamDirectoryException.Kind kindOf(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return StreamDirectoryException.Kind.UNAVAILABLE; // network, timeouts
        }
        String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
        return switch (code == null ? "" : code) {
            case "ResourceNotFoundException" -> StreamDirectoryException.Kind.NOT_FOUND;
            case "VersionMismatchException" -> StreamDirectoryException.Kind.VERSION_MISMATCH;
            case "ResourceInUseException" -> StreamDirectoryException.Kind.IN_USE;
            case KinesisVideoApi.CLIENT_LIMIT_EXCEEDED -> StreamDirectoryException.Kind.THROTTLED;
            case "InvalidArgumentException" -> StreamDirectoryException.Kind.INVALID_REQUEST;
            default -> service.statusCode() == 429 ? StreamDirectoryException.Kind.THROTTLED
                    : service.statusCode() >= 500 ? StreamDirectoryException.Kind.UNAVAILABLE
                    : StreamDirectoryException.Kind.REJECTED;
        };
    }
}
