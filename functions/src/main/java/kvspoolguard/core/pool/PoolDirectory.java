package kvspoolguard.core.pool;

import java.util.List;

/**
 * The pools, as the Chime SDK Media Pipelines API holds them, in every region the stack governs.
 * Methods throw {@link PoolDirectoryException} for service failures (after the client's own retries).
 */
public interface PoolDirectory {

    /**
     * One page of at most {@code limit} pools, after the page {@code token} ended (null: the first),
     * walking the governed shards {@code only} accepts ({@link ShardFilter#ALL}: every one; none: an
     * empty last page). Tokens are opaque and come only from an earlier page under the same filter.
     *
     * @throws PoolDirectoryException of kind TOKEN_REJECTED when the token is not one this directory
     *     issued under this filter, or the service no longer accepts it
     */
    PoolPage page(ShardFilter only, String token, int limit);

    /**
     * The shards a sweep walks, in listing order: every governed shard now.
     *
     * @throws PoolDirectoryException when which shards are governed cannot be said now
     */
    List<Shard> shards();

    /**
     * Whether {@code shard} is governed now: a pool elsewhere (a forwarded event of another account
     * or region) is never read or changed.
     *
     * @throws PoolDirectoryException or {@link AccountDirectoryException} when which shards are
     *     governed cannot be said now
     */
    boolean governs(Shard shard);

    /**
     * The pool's configuration (Get), with its tags only when {@code withTags} (one more call). The
     * pool is addressed by its {@link PoolRef#identifier() identifier}: a name-only reference works.
     */
    Pool describe(PoolRef ref, boolean withTags);

    /** Sets the pool's retention (Update) and returns the configuration the service answered. */
    Pool updateRetention(PoolRef ref, int hours);

    /**
     * The shard is reached afresh from here on: a member account's pools with a session of their
     * own, so that each step of a sweep runs on its own session (and its calls say which step made
     * them). Nothing to do for a directory without sessions.
     */
    default void freshSession(Shard shard) {
    }
}
