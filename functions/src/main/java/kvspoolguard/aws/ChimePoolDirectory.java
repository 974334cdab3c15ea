package kvspoolguard.aws;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kvspoolguard.core.Pool;
import kvspoolguard.core.PoolDirectory;
import kvspoolguard.core.PoolDirectoryException;
import kvspoolguard.core.PoolRef;
import kvspoolguard.core.PoolStatus;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolConfiguration;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceFailureException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceUnavailableException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.Tag;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ThrottledClientException;

/**
 * The pool directory over the Chime SDK Media Pipelines API, one client per governed region.
 * Pools are addressed by ARN (an identifier the API documents). SDK errors, after the client's own
 * retries, become {@link PoolDirectoryException}s of the kind the run acts on.
 */
public final class ChimePoolDirectory implements PoolDirectory {

    private static final int PAGE_SIZE = 100;

    private final Map<String, ChimeSdkMediaPipelinesClient> clientsByRegion;

    public ChimePoolDirectory(Map<String, ChimeSdkMediaPipelinesClient> clientsByRegion) {
        if (clientsByRegion.isEmpty()) {
            throw new IllegalArgumentException("a pool directory needs at least one region");
        }
        this.clientsByRegion = Map.copyOf(clientsByRegion);
    }

    @Override
    public List<PoolRef> list() {
        return clientsByRegion.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> call("list pools in " + e.getKey(), () -> e.getValue()
                        .listMediaPipelineKinesisVideoStreamPoolsPaginator(r -> r.maxResults(PAGE_SIZE)).stream()
                        .flatMap(page -> page.kinesisVideoStreamPools().stream())
                        .map(s -> new PoolRef(e.getKey(), s.poolName(), s.poolArn()))
                        .toList()).stream())
                .toList();
    }

    @Override
    public Pool describe(PoolRef ref, boolean withTags) {
        ChimeSdkMediaPipelinesClient chime = client(ref);
        Pool pool = call("get " + ref.name(), () -> toPool(ref.region(), chime
                .getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(ref.arn()))
                .kinesisVideoStreamPoolConfiguration()));
        if (!withTags) {
            return pool;
        }
        List<Tag> tags = call("list tags of " + ref.name(),
                () -> chime.listTagsForResource(r -> r.resourceARN(ref.arn())).tags());
        return pool.withTags(tags.stream().collect(Collectors.toMap(Tag::key, Tag::value,
                (first, second) -> second)));
    }

    @Override
    public Pool updateRetention(PoolRef ref, int hours) {
        return call("update " + ref.name(), () -> toPool(ref.region(), client(ref)
                .updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(ref.arn())
                        .streamConfiguration(c -> c.dataRetentionInHours(hours)))
                .kinesisVideoStreamPoolConfiguration()));
    }

    static Pool toPool(String region, KinesisVideoStreamPoolConfiguration c) {
        var stream = c.streamConfiguration();
        return new Pool(c.poolName(), c.poolArn(), c.poolId(), region, PoolStatus.fromValue(c.poolStatusAsString()),
                c.poolSize(), stream == null ? null : stream.region(),
                stream == null ? null : stream.dataRetentionInHours(), c.createdTimestamp(), c.updatedTimestamp(),
                Map.of());
    }

    private ChimeSdkMediaPipelinesClient client(PoolRef ref) {
        ChimeSdkMediaPipelinesClient chime = clientsByRegion.get(ref.region());
        if (chime == null) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.REJECTED,
                    "region " + ref.region() + " is not governed by this stack", null);
        }
        return chime;
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new PoolDirectoryException(kindOf(e), what + ": " + e.getMessage(), e);
        }
    }

    static PoolDirectoryException.Kind kindOf(SdkException e) {
        return switch (e) {
            case NotFoundException n -> PoolDirectoryException.Kind.NOT_FOUND;
            case ConflictException c -> PoolDirectoryException.Kind.CONFLICT;
            case ThrottledClientException t -> PoolDirectoryException.Kind.THROTTLED;
            case ServiceUnavailableException u -> PoolDirectoryException.Kind.UNAVAILABLE;
            case ServiceFailureException f -> PoolDirectoryException.Kind.UNAVAILABLE;
            case SdkClientException io -> PoolDirectoryException.Kind.UNAVAILABLE; // network, timeouts
            default -> PoolDirectoryException.Kind.REJECTED;
        };
    }
}
