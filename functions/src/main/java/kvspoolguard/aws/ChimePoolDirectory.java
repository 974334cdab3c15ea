package kvspoolguard.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.chimesdkmediapipelines.ChimeSdkMediaPipelinesClient;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.BadRequestException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ConflictException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.KinesisVideoStreamPoolConfiguration;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceFailureException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ServiceUnavailableException;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.Tag;
import software.amazon.awssdk.services.chimesdkmediapipelines.model.ThrottledClientException;

/**
 * The pool directory over the Chime SDK Media Pipelines API, one client per governed region.
 * Pools are addressed by ARN or name (the identifiers the API documents). SDK errors, after the
 * client's own retries, become {@link PoolDirectoryException}s of the kind the run acts on.
 */
public final class ChimePoolDirectory implements PoolDirectory {

    private static final int PAGE_SIZE = 100;

    private static final String TOKEN_VERSION = "v1";

    private final Map<String, ChimeSdkMediaPipelinesClient> clientsByRegion;
    private final List<String> regions;

    public ChimePoolDirectory(Map<String, ChimeSdkMediaPipelinesClient> clientsByRegion) {
        if (clientsByRegion.isEmpty()) {
            throw new IllegalArgumentException("a pool directory needs at least one region");
        }
        this.clientsByRegion = Map.copyOf(clientsByRegion);
        this.regions = clientsByRegion.keySet().stream().sorted().toList();
    }

    /**
     * Regions are paged through one after the other, in name order. The token names the region and
     * the service's own token within it, so a page never spans two regions and may hold fewer than
     * {@code limit} pools when a region ends.
     */
    @Override
    public PoolPage page(String token, int limit) {
        if (limit < 1 || limit > PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be within 1.." + PAGE_SIZE + ", got " + limit);
        }
        String[] position = token == null ? new String[] {regions.getFirst(), ""} : decode(token);
        String region = position[0];
        var answer = listed(token, () -> call("list pools in " + region, () -> clientsByRegion.get(region)
                .listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(limit)
                        .nextToken(position[1].isEmpty() ? null : position[1]))));
        List<PoolRef> pools = answer.kinesisVideoStreamPools().stream()
                .map(s -> new PoolRef(region, s.poolName(), s.poolArn())).toList();
        int next = regions.indexOf(region) + 1;
        String nextToken = answer.nextToken() != null ? encode(region, answer.nextToken())
                : next < regions.size() ? encode(regions.get(next), "") : null;
        return new PoolPage(pools, nextToken);
    }

    /** A page after {@code token}: the service refusing the request as invalid is refusing the token. */
    private static <T> T listed(String token, java.util.function.Supplier<T> list) {
        try {
            return list.get();
        } catch (PoolDirectoryException e) {
            if (token != null && e.kind() == PoolDirectoryException.Kind.INVALID_REQUEST) {
                throw new PoolDirectoryException(PoolDirectoryException.Kind.TOKEN_REJECTED,
                        "nextToken was not accepted; list again from the first page", e);
            }
            throw e;
        }
    }

    private static String encode(String region, String serviceToken) {
        String plain = TOKEN_VERSION + "|" + region + "|" + serviceToken;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private String[] decode(String token) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 3 || !parts[0].equals(TOKEN_VERSION) || !clientsByRegion.containsKey(parts[1])) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.TOKEN_REJECTED,
                    "nextToken is not one this API issued", null);
        }
        return new String[] {parts[1], parts[2]};
    }

    @Override
    public Pool describe(PoolRef ref, boolean withTags) {
        ChimeSdkMediaPipelinesClient chime = client(ref);
        Pool pool = call("get " + ref.name(), () -> toPool(ref.region(), chime
                .getMediaPipelineKinesisVideoStreamPool(r -> r.identifier(ref.identifier()))
                .kinesisVideoStreamPoolConfiguration()));
        if (!withTags) {
            return pool;
        }
        List<Tag> tags = call("list tags of " + ref.name(),
                () -> chime.listTagsForResource(r -> r.resourceARN(pool.arn())).tags());
        return pool.withTags(tags.stream().collect(Collectors.toMap(Tag::key, Tag::value,
                (first, second) -> second)));
    }

    @Override
    public Pool updateRetention(PoolRef ref, int hours) {
        return call("update " + ref.name(), () -> toPool(ref.region(), client(ref)
                .updateMediaPipelineKinesisVideoStreamPool(r -> r.identifier(ref.identifier())
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

    /**
     * The exception's message says what failed and how (error code, HTTP status, request id) but not
     * the service's own text, which can name roles and resources: it travels as the cause, for logs.
     */
    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new PoolDirectoryException(kindOf(e), what + ": " + summary(e), e);
        }
    }

    static String summary(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return (code == null ? "error" : code) + " (HTTP " + service.statusCode()
                    + (service.requestId() == null ? "" : ", request " + service.requestId()) + ")";
        }
        Throwable root = e.getCause() == null ? e : e.getCause();
        return "no answer (" + root.getClass().getSimpleName() + ")";
    }

    static PoolDirectoryException.Kind kindOf(SdkException e) {
        return switch (e) {
            case NotFoundException n -> PoolDirectoryException.Kind.NOT_FOUND;
            case ConflictException c -> PoolDirectoryException.Kind.CONFLICT;
            case BadRequestException b -> PoolDirectoryException.Kind.INVALID_REQUEST;
            case ThrottledClientException t -> PoolDirectoryException.Kind.THROTTLED;
            case ServiceUnavailableException u -> PoolDirectoryException.Kind.UNAVAILABLE;
            case ServiceFailureException f -> PoolDirectoryException.Kind.UNAVAILABLE;
            case SdkClientException io -> PoolDirectoryException.Kind.UNAVAILABLE; // network, timeouts
            default -> PoolDirectoryException.Kind.REJECTED;
        };
    }
}
