package kvspoolguard.local.chime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.StreamChange;
import kvspoolguard.local.chime.model.StreamQuotas;

/**
 * The emulator's pools, per account and region (a pool lives in the account of the access key its
 * API call was signed with, and in the region it was signed for),
 * with the asynchronous lifecycle of the real service: Create leaves a pool CREATING, Update
 * UPDATING, Delete DELETING, until the transition delay has passed. Transitions are applied
 * lazily, before each request is served, so no background thread is needed and a zero delay
 * makes the next request see the settled state. Each pool's streams are kept beside it
 * ({@link StreamStore}), under the same lock.
 */
public final class PoolStore {

    /** A page of pools in name order; {@code lastName} is where the next page starts after. */
    public record Page(List<StoredPoolView> pools, String lastName) {
    }

    /** A read-only view handed to the API layer. */
    public record StoredPoolView(EmulatedPool pool, String arn) {
    }

    private record Transition(Instant due, AccountRegion where, String name, long version, PoolStatus to) {
    }

    private final Map<AccountRegion, TreeMap<String, StoredPool>> places = new HashMap<>();
    private final PriorityQueue<Transition> transitions = new PriorityQueue<>(
            (a, b) -> a.due().compareTo(b.due()));
    private final Clock clock;
    private final String accountId;
    private final String defaultRegion;
    private Duration transitionDelay;
    private int maxPoolsPerRegion;
    /** Every change of status or retention, oldest first; the newest {@value #CHANGES_KEPT} are kept. */
    private final java.util.ArrayDeque<PoolChange> changes = new java.util.ArrayDeque<>();
    private long changeSequence;
    static final int CHANGES_KEPT = 200_000;

    private final StreamStore streams;
    private int streamsPerPool;

    public PoolStore(Clock clock, String accountId, String defaultRegion, Duration transitionDelay,
                     int maxPoolsPerRegion, int streamsPerPool, StreamQuotas quotas) {
        this.clock = clock;
        this.streams = new StreamStore(clock, quotas);
        this.streamsPerPool = streamsPerPool;
        this.accountId = accountId;
        this.defaultRegion = defaultRegion;
        this.transitionDelay = transitionDelay;
        this.maxPoolsPerRegion = maxPoolsPerRegion;
    }

    public synchronized StoredPoolView create(AccountRegion where, String name, String streamRegion, Integer retention,
                                              String token, Map<String, String> tags) {
        settle();
        String fingerprint = streamRegion + "|" + retention + "|" + tags;
        StoredPool existing = pools(where).get(name);
        if (existing != null) {
            if (token != null && token.equals(existing.createToken) && fingerprint.equals(existing.createFingerprint)) {
                return view(existing); // an idempotent retry of the Create that made this pool
            }
            throw ApiException.conflict("A Kinesis Video Stream pool named " + name + " already exists.");
        }
        if (maxPoolsPerRegion > 0 && pools(where).size() >= maxPoolsPerRegion) {
            throw ApiException.of(ErrorType.RESOURCE_LIMIT_EXCEEDED, "The number of Kinesis Video Stream pools in "
                    + where.region() + " has reached its limit of " + maxPoolsPerRegion + ".");
        }
        Instant now = now();
        StoredPool pool = new StoredPool(name, where, PoolArns.of(where, name),
                "ChimeMediaPipelines-" + name + "-" + UUID.randomUUID(), now, token, fingerprint);
        pool.streamRegion = streamRegion;
        pool.retentionHours = retention;
        pool.tags.putAll(tags);
        pools(where).put(name, pool);
        streams.makeForPool(streamsOf(pool), pool.poolId, streamsPerPool, retention == null ? 0 : retention);
        moveTo(pool, PoolStatus.CREATING, PoolStatus.ACTIVE);
        changed(pool, clock.instant(), PoolChange.Cause.API);
        return view(pool);
    }

    public synchronized StoredPoolView get(AccountRegion where, String identifier) {
        settle();
        return view(resolve(where, identifier));
    }

    public synchronized StoredPoolView update(AccountRegion where, String identifier, Integer retention) {
        settle();
        StoredPool pool = requireActive(resolve(where, identifier), "updated");
        if (retention != null) {
            pool.retentionHours = retention;
            streams.propagate(streamsOf(pool), pool.poolId, retention, transitionDelay);
        }
        pool.updated = later(pool.updated);
        moveTo(pool, PoolStatus.UPDATING, PoolStatus.ACTIVE);
        changed(pool, clock.instant(), PoolChange.Cause.API);
        return view(pool);
    }

    public synchronized void delete(AccountRegion where, String identifier) {
        settle();
        StoredPool pool = requireActive(resolve(where, identifier), "deleted");
        moveTo(pool, PoolStatus.DELETING, null);
        changed(pool, clock.instant(), PoolChange.Cause.API);
    }

    public synchronized Page list(AccountRegion where, String afterName, int limit) {
        settle();
        var tail = afterName == null ? pools(where) : pools(where).tailMap(afterName, false);
        List<StoredPoolView> page = tail.values().stream().limit(limit).map(this::view).toList();
        boolean more = tail.size() > page.size();
        return new Page(page, more ? page.getLast().pool().name() : null);
    }

    public synchronized Map<String, String> tags(AccountRegion where, String arn) {
        settle();
        return Map.copyOf(resolveArn(where, arn).tags);
    }

    public synchronized void tag(AccountRegion where, String arn, Map<String, String> tags) {
        settle();
        resolveArn(where, arn).tags.putAll(tags);
    }

    public synchronized void untag(AccountRegion where, String arn, List<String> keys) {
        settle();
        keys.forEach(resolveArn(where, arn).tags::remove);
    }

    /** Adds or replaces a pool as given, in any status, bypassing the API's checks and limits. */
    public synchronized EmulatedPool seed(EmulatedPool seed) {
        AccountRegion where = new AccountRegion(seed.accountId() == null ? accountId : seed.accountId(),
                seed.region() == null ? defaultRegion : seed.region());
        Instant created = seed.createdTimestamp() == null ? now() : seed.createdTimestamp();
        String poolId = seed.poolId() == null ? "ChimeMediaPipelines-" + seed.name() + "-" + UUID.randomUUID()
                : seed.poolId();
        StoredPool pool = new StoredPool(seed.name(), where, PoolArns.of(where, seed.name()),
                poolId, created, null, null);
        pool.streamRegion = seed.streamRegion() == null ? where.region() : seed.streamRegion();
        pool.retentionHours = seed.dataRetentionInHours();
        pool.status = seed.status() == null ? PoolStatus.ACTIVE : seed.status();
        pool.poolSize = seed.poolSize() == null ? Integer.valueOf(0) : seed.poolSize();
        pool.updated = seed.updatedTimestamp() == null ? created : seed.updatedTimestamp();
        pool.tags.putAll(seed.tags());
        StoredPool replaced = pools(where).put(pool.name, pool);
        pool.version = replaced == null ? 0 : replaced.version + 1; // orphans the replaced pool's transitions
        changed(pool, clock.instant(), PoolChange.Cause.SEED);
        return pool.snapshot();
    }

    /**
     * An outsider's change, atomic with the API's requests: {@code change} gets the pool as it is
     * now (transitions due applied) and returns what it becomes, or null to leave it as it is.
     */
    public synchronized Optional<EmulatedPool> replace(String account, String region, String name,
                                                       UnaryOperator<EmulatedPool> change) {
        settle();
        StoredPool current = pools(new AccountRegion(account == null ? accountId : account,
                region == null ? defaultRegion : region)).get(name);
        EmulatedPool next = current == null ? null : change.apply(current.snapshot());
        return next == null ? Optional.empty() : Optional.of(seed(next));
    }

    public synchronized List<EmulatedPool> snapshot() {
        settle();
        List<EmulatedPool> all = new ArrayList<>();
        places.values().forEach(byName -> byName.values().forEach(p -> all.add(p.snapshot())));
        return all;
    }

    public synchronized void clear() {
        places.clear();
        streams.clear();
        transitions.clear();
        changes.clear();
    }

    /** The changes made so far, oldest first, with due transitions applied. */
    public synchronized List<PoolChange> changes() {
        settle();
        return List.copyOf(changes);
    }

    // The stream operations: each sees the pools' and the streams' due steps applied first.

    public synchronized StreamStore.Page listStreams(AccountRegion where, String prefix, String afterName, int limit) {
        settle();
        return streams.list(where, prefix, afterName, limit);
    }

    public synchronized EmulatedStream describeStream(AccountRegion where, String name, String arn) {
        settle();
        return streams.find(where, name, arn).snapshot();
    }

    public synchronized void updateStreamRetention(AccountRegion where, String name, String arn, String version,
                                                   boolean increase, int hours) {
        settle();
        streams.updateRetention(where, name, arn, version, increase, hours);
    }

    public synchronized void deleteStream(AccountRegion where, String arn, String version) {
        settle();
        streams.delete(where, arn, version, transitionDelay);
    }

    public synchronized EmulatedStream createStream(AccountRegion where, String name, int retention, String mediaType,
                                                    String kmsKeyId, String deviceName, Map<String, String> tags) {
        settle();
        return streams.create(where, name, retention, mediaType, kmsKeyId, deviceName, tags,
                StreamChange.Cause.API).snapshot();
    }

    public synchronized Map<String, String> streamTags(AccountRegion where, String name, String arn) {
        settle();
        return streams.tags(streams.find(where, name, arn));
    }

    public synchronized void tagStream(AccountRegion where, String name, String arn, Map<String, String> tags) {
        settle();
        streams.find(where, name, arn).tags.putAll(tags);
    }

    public synchronized void untagStream(AccountRegion where, String name, String arn, List<String> keys) {
        settle();
        keys.forEach(streams.find(where, name, arn).tags::remove);
    }

    /** The pool grows by {@code count} streams, at its current retention; empty when there is no such pool. */
    public synchronized List<EmulatedStream> growPool(String account, String region, String name, int count) {
        settle();
        StoredPool pool = pools(new AccountRegion(account == null ? accountId : account,
                region == null ? defaultRegion : region)).get(name);
        if (pool == null) {
            throw new IllegalArgumentException("no pool " + name + " in " + account + " " + region);
        }
        streams.makeForPool(streamsOf(pool), pool.poolId, count, pool.retentionHours == null ? 0 : pool.retentionHours);
        return streams.ofPool(streamsOf(pool), pool.poolId);
    }

    public synchronized void missNextPropagation(String streamArn) {
        streams.missNextPropagation(streamArn);
    }

    public synchronized EmulatedStream replaceStream(String account, String region, String name,
                                                     UnaryOperator<EmulatedStream> change) {
        settle();
        return streams.replace(new AccountRegion(account == null ? accountId : account,
                region == null ? defaultRegion : region), name, change);
    }

    public synchronized List<EmulatedStream> streams() {
        settle();
        return streams.snapshot();
    }

    public synchronized List<StreamChange> streamChanges() {
        settle();
        return streams.changes();
    }

    public synchronized StreamQuotas streamQuotas() {
        return streams.quotas();
    }

    public synchronized void streamQuotas(StreamQuotas quotas) {
        streams.quotas(quotas);
    }

    public synchronized int streamsPerPool() {
        return streamsPerPool;
    }

    public synchronized void streamsPerPool(int count) {
        this.streamsPerPool = count;
    }

    private void changed(StoredPool pool, Instant at, PoolChange.Cause cause) {
        if (changes.size() == CHANGES_KEPT) {
            changes.removeFirst();
        }
        changes.addLast(new PoolChange(++changeSequence, at, pool.arn, pool.status, pool.retentionHours, cause));
    }

    public synchronized void transitionDelay(Duration delay) {
        this.transitionDelay = delay;
    }

    public synchronized Duration transitionDelay() {
        return transitionDelay;
    }

    public synchronized void maxPoolsPerRegion(int max) {
        this.maxPoolsPerRegion = max;
    }

    public synchronized int maxPoolsPerRegion() {
        return maxPoolsPerRegion;
    }

    private StoredPool resolve(AccountRegion where, String identifier) {
        String name = identifier.startsWith("arn:") ? PoolArns.nameIn(identifier, where) : identifier;
        StoredPool pool = name == null ? null : pools(where).get(name);
        if (pool == null) {
            throw ApiException.notFound("Kinesis Video Stream pool " + identifier + " not found.");
        }
        return pool;
    }

    private StoredPool resolveArn(AccountRegion where, String arn) {
        String name = PoolArns.nameIn(arn, where);
        StoredPool pool = name == null ? null : pools(where).get(name);
        if (pool == null) {
            throw ApiException.notFound("Resource " + arn + " not found.");
        }
        return pool;
    }

    private static StoredPool requireActive(StoredPool pool, String verb) {
        if (pool.status != PoolStatus.ACTIVE) {
            throw ApiException.conflict("Kinesis Video Stream pool " + pool.name + " is " + pool.status
                    + " and cannot be " + verb + " until it is ACTIVE.");
        }
        return pool;
    }

    /** Sets {@code now} as the pool's status and schedules {@code then} (null: removal) after the delay. */
    private void moveTo(StoredPool pool, PoolStatus now, PoolStatus then) {
        pool.status = now;
        pool.version++;
        transitions.add(new Transition(clock.instant().plus(transitionDelay), pool.where, pool.name,
                pool.version, then));
    }

    private void settle() {
        Instant now = clock.instant();
        streams.settle(now);
        while (!transitions.isEmpty() && !transitions.peek().due().isAfter(now)) {
            Transition t = transitions.poll();
            StoredPool pool = pools(t.where()).get(t.name());
            if (pool == null || pool.version != t.version()) {
                continue;
            }
            if (t.to() == null) {
                pools(t.where()).remove(t.name());
                pool.status = null;
            } else {
                pool.status = t.to();
                pool.version++;
                if (pool.poolSize == null) {
                    pool.poolSize = 0;
                }
            }
            changed(pool, t.due(), PoolChange.Cause.TRANSITION);
        }
    }

    /** Where a pool's streams are: its account, in its stream region. */
    private static AccountRegion streamsOf(StoredPool pool) {
        return new AccountRegion(pool.where.accountId(), pool.streamRegion);
    }

    private TreeMap<String, StoredPool> pools(AccountRegion where) {
        return places.computeIfAbsent(where, w -> new TreeMap<>());
    }

    private StoredPoolView view(StoredPool pool) {
        return new StoredPoolView(pool.snapshot(), pool.arn);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Now, but strictly after {@code previous}: an update always moves UpdatedTimestamp forward. */
    private Instant later(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }
}
