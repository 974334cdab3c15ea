package kvspoolguard.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kvspoolguard.core.pool.AccountDirectoryException;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolDirectory;
import kvspoolguard.core.pool.PoolDirectoryException;
import kvspoolguard.core.pool.PoolPage;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.pool.ShardFilter;
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
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The pool directory over the Chime SDK Media Pipelines API, one client per governed shard
 * (account and region). Pools are addressed by ARN or name (the identifiers the API documents).
 * SDK errors, after the client's own retries, become {@link PoolDirectoryException}s of the kind
 * the run acts on; a member role that cannot be assumed is a refusal.
 */
public final class ChimePoolDirectory implements PoolDirectory {

    private static final int PAGE_SIZE = 100;

    private static final String TOKEN_VERSION = "v1";

    private final ChimeClients clients;
    private final List<Shard> only;

    /** A directory that pages through {@code shards} and reads and updates pools of any governed shard. */
    public ChimePoolDirectory(ChimeClients clients, List<Shard> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a pool directory needs at least one shard");
        }
        this.clients = clients;
        this.only = shards.stream().sorted().toList();
    }

    /** A directory that pages through every shard governed at the time of each page. */
    public ChimePoolDirectory(ChimeClients clients) {
        this.clients = clients;
        this.only = null;
    }

    /** Whatever shards this directory pages through, the scope says which it may read and change. */
    @Override
    public boolean governs(Shard shard) {
        return clients.scope().current().governs(shard);
    }

    @Override
    public List<Shard> shards() {
        if (only != null) {
            return only;
        }
        try {
            return clients.scope().current().all().stream().sorted().toList();
        } catch (AccountDirectoryException e) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    /**
     * Shards are paged through one after the other, in account and region order. The token names the
     * shard and the service's own token within it, so a page never spans two shards and may hold fewer
     * than {@code limit} pools when a shard ends.
     */
    @Override
    public PoolPage page(ShardFilter only, String token, int limit) {
        if (limit < 1 || limit > PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be within 1.." + PAGE_SIZE + ", got " + limit);
        }
        List<Shard> shards = shards().stream().filter(only::accepts).toList();
        if (shards.isEmpty()) {
            if (token != null) {
                throw new PoolDirectoryException(PoolDirectoryException.Kind.TOKEN_REJECTED,
                        "nextToken is not one this API issued", null);
            }
            return new PoolPage(List.of(), null);
        }
        Position position = token == null ? new Position(shards.getFirst(), "") : decode(token, shards);
        Shard shard = position.shard();
        var answer = listed(token, () -> call("list pools in " + shard, () -> clients.client(shard)
                .listMediaPipelineKinesisVideoStreamPools(r -> r.maxResults(limit)
                        .nextToken(position.serviceToken().isEmpty() ? null : position.serviceToken()))));
        List<PoolRef> pools = answer.kinesisVideoStreamPools().stream()
                .map(s -> PoolRef.listed(shard, s.poolName(), s.poolArn())).toList();
        int next = shards.indexOf(shard) + 1;
        String nextToken = answer.nextToken() != null ? encode(shard, answer.nextToken())
                : next < shards.size() ? encode(shards.get(next), "") : null;
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

    /** Where a page starts: a shard, and the service's token within it ("" for its first page). */
    private record Position(Shard shard, String serviceToken) {
    }

    private static String encode(Shard shard, String serviceToken) {
        String plain = TOKEN_VERSION + "|" + shard.account() + "|" + shard.region() + "|" + serviceToken;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String token, List<Shard> shards) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 4);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        Shard shard = parts.length == 4 && parts[0].equals(TOKEN_VERSION) ? shardOrNull(parts[1], parts[2]) : null;
        if (shard == null || !shards.contains(shard)) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.TOKEN_REJECTED,
                    "nextToken is not one this API issued", null);
        }
        return new Position(shard, parts[3]);
    }

    private static Shard shardOrNull(String account, String region) {
        try {
            return new Shard(account, region);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
        return Pool.builder(c.poolName(), c.poolArn(), PoolStatus.fromValue(c.poolStatusAsString())).id(c.poolId())
                .region(region).size(c.poolSize()).streamRegion(stream == null ? null : stream.region())
                .retentionHours(stream == null ? null : stream.dataRetentionInHours())
                .createdAt(c.createdTimestamp()).updatedAt(c.updatedTimestamp()).build();
    }

    private ChimeSdkMediaPipelinesClient client(PoolRef ref) {
        if (!clients.scope().current().governs(ref.shard())) {
            throw new PoolDirectoryException(PoolDirectoryException.Kind.REJECTED,
                    "account " + ref.account() + " in region " + ref.region() + " is not governed by this stack",
                    null);
        }
        return clients.client(ref.shard());
    }

    /**
     * The exception's message says what failed and how (error code, HTTP status, request id) but not
     * the service's own text, which can name roles and resources: it travels as the cause, for logs.
     */
    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            StsException sts = SdkFailures.stsAnswer(e);
            if (sts != null) { // refused (403) is for the member account to fix; the rest passes
                throw new PoolDirectoryException(sts.statusCode() == 403 ? PoolDirectoryException.Kind.REJECTED
                        : PoolDirectoryException.Kind.UNAVAILABLE,
                        what + ": the member role could not be assumed: " + SdkFailures.summary(sts), e);
            }
            throw new PoolDirectoryException(kindOf(e), what + ": " + SdkFailures.summary(e), e);
        }
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

    @Override
    public void freshSession(Shard shard) {
        clients.freshSession(shard);
    }
}
