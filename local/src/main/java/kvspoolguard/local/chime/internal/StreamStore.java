package kvspoolguard.local.chime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.StreamChange;
import kvspoolguard.local.chime.model.StreamQuotas;

/**
 * The Kinesis video streams of every account and region. A pool's streams are made, changed and
 * left behind here as the media pipelines service does it: Create makes them, Update reaches them
 * one by one while the pool is UPDATING, Delete leaves them. Like the pools' lifecycle, the
 * service's later steps are applied lazily ({@link #settle}). Not thread-safe: the {@link PoolStore}
 * owns it and calls it under its lock, so a pool and its streams change atomically.
 */
final class StreamStore {

    /** A page of streams in name order; {@code lastName} is where the next page starts after. */
    record Page(List<EmulatedStream> streams, String lastName) {
    }

    /** A step the service takes later: a pool's update reaching a stream, or a deletion completing (null retention). */
    private record Step(Instant due, long order, AccountRegion where, String name, Integer retention) {
    }

    static final int MAX_RETENTION_HOURS = 87_600;
    static final int CHANGES_KEPT = 200_000;

    private final Map<AccountRegion, TreeMap<String, StoredStream>> places = new HashMap<>();
    private final PriorityQueue<Step> steps = new PriorityQueue<>(
            Comparator.comparing(Step::due).thenComparingLong(Step::order));
    private final ArrayDeque<StreamChange> changes = new ArrayDeque<>();
    private final Set<String> misses = new HashSet<>();
    private final Clock clock;
    private StreamQuotas quotas;
    private long sequence;
    private long stepOrder;

    StreamStore(Clock clock, StreamQuotas quotas) {
        this.clock = clock;
        this.quotas = quotas;
    }

    /** CreateStream: a new ACTIVE stream; ResourceInUseException when the name is taken. */
    StoredStream create(AccountRegion where, String name, int retention, String mediaType, String kmsKeyId,
                        String deviceName, Map<String, String> tags, StreamChange.Cause cause) {
        if (streams(where).containsKey(name)) {
            throw ApiException.of(ErrorType.RESOURCE_IN_USE, "The stream " + name + " already exists.");
        }
        StoredStream stream = new StoredStream(name, where, now(), retention, mediaType, kmsKeyId, deviceName);
        stream.tags.putAll(tags);
        streams(where).put(name, stream);
        changed(stream, cause);
        return stream;
    }

    /** Makes {@code count} more streams for a pool, numbered after those it has (or had). */
    void makeForPool(AccountRegion where, String poolId, int count, int retention) {
        int next = poolStreams(where, poolId).size() + 1;
        for (int made = 0; made < count; next++) {
            String name = poolId + "-" + next;
            if (!streams(where).containsKey(name)) {
                create(where, name, retention, "video/h264,audio/aac", null, null, Map.of(),
                        StreamChange.Cause.PROPAGATION);
                made++;
            }
        }
    }

    /** The streams named after a pool's PoolId, in name order. */
    List<EmulatedStream> ofPool(AccountRegion where, String poolId) {
        return poolStreams(where, poolId).values().stream().map(StoredStream::snapshot).toList();
    }

    /** A pool's Update: each stream of the pool takes {@code retention} in turn, the last when {@code over} ends. */
    void propagate(AccountRegion where, String poolId, int retention, Duration over) {
        List<StoredStream> reached = new ArrayList<>(poolStreams(where, poolId).values());
        reached.removeIf(s -> misses.remove(s.arn));
        Instant start = clock.instant();
        for (int i = 0; i < reached.size(); i++) {
            Duration after = over.multipliedBy(i + 1).dividedBy(reached.size());
            steps.add(new Step(start.plus(after), stepOrder++, where, reached.get(i).name, retention));
        }
    }

    /** The next pool update that would reach this stream leaves it as it is, as a failed propagation would. */
    void missNextPropagation(String streamArn) {
        misses.add(streamArn);
    }

    Page list(AccountRegion where, String prefix, String afterName, int limit) {
        NavigableMap<String, StoredStream> all = streams(where);
        NavigableMap<String, StoredStream> from = afterName == null ? all : all.tailMap(afterName, false);
        List<EmulatedStream> page = new ArrayList<>();
        boolean more = false;
        for (StoredStream s : from.values()) {
            if (prefix != null && !s.name.startsWith(prefix)) {
                if (s.name.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(s.snapshot());
        }
        return new Page(page, more ? page.getLast().name() : null);
    }

    /** The stream named, by name or ARN (one is required); ResourceNotFoundException when there is none. */
    StoredStream find(AccountRegion where, String name, String arn) {
        if (name == null && arn == null) {
            throw ApiException.of(ErrorType.INVALID_ARGUMENT, "Either StreamName or StreamARN must be specified.");
        }
        String key = name != null ? name : nameIn(arn);
        StoredStream stream = key == null ? null : streams(where).get(key);
        if (stream == null || (arn != null && !arn.equals(stream.arn))) {
            throw ApiException.of(ErrorType.RESOURCE_NOT_FOUND, "The stream " + (name != null ? name : arn)
                    + " does not exist.");
        }
        return stream;
    }

    /** UpdateDataRetention: relative to the retention the stream has, and only from the version the caller read. */
    void updateRetention(AccountRegion where, String name, String arn, String currentVersion, boolean increase,
                         int hours) {
        StoredStream stream = find(where, name, arn);
        throttlePerStream(stream);
        if (!StoredStream.ACTIVE.equals(stream.status)) {
            throw ApiException.of(ErrorType.RESOURCE_IN_USE, "The stream " + stream.name + " is " + stream.status
                    + ".");
        }
        if (!stream.version.equals(currentVersion)) {
            throw ApiException.of(ErrorType.VERSION_MISMATCH, "The version " + currentVersion + " of stream "
                    + stream.name + " is not its latest version.");
        }
        long next = increase ? (long) stream.retentionHours + hours : (long) stream.retentionHours - hours;
        if (next < 0 || next > MAX_RETENTION_HOURS) {
            throw ApiException.of(ErrorType.INVALID_ARGUMENT, "The retention of stream " + stream.name
                    + " would be " + next + " hours; it must be between 0 and " + MAX_RETENTION_HOURS + ".");
        }
        stream.retentionHours = (int) next;
        stream.version = StoredStream.nextVersion();
        changed(stream, StreamChange.Cause.API);
    }

    /** DeleteStream: DELETING at once, gone when {@code after} has passed. */
    void delete(AccountRegion where, String arn, String currentVersion, Duration after) {
        StoredStream stream = find(where, null, arn);
        if (currentVersion != null && !stream.version.equals(currentVersion)) {
            throw ApiException.of(ErrorType.VERSION_MISMATCH, "The version " + currentVersion + " of stream "
                    + stream.name + " is not its latest version.");
        }
        if (!StoredStream.ACTIVE.equals(stream.status)) {
            throw ApiException.of(ErrorType.RESOURCE_IN_USE, "The stream " + stream.name + " is " + stream.status
                    + ".");
        }
        stream.status = StoredStream.DELETING;
        stream.version = StoredStream.nextVersion();
        changed(stream, StreamChange.Cause.API);
        steps.add(new Step(clock.instant().plus(after), stepOrder++, where, stream.name, null));
    }

    /** A change behind the API's back; the stream gets a new version when its retention changes. */
    EmulatedStream replace(AccountRegion where, String name, UnaryOperator<EmulatedStream> change) {
        StoredStream stream = find(where, name, null);
        EmulatedStream next = change.apply(stream.snapshot());
        if (next != null && next.dataRetentionInHours() != stream.retentionHours) {
            stream.retentionHours = next.dataRetentionInHours();
            stream.version = StoredStream.nextVersion();
            changed(stream, StreamChange.Cause.OUTSIDE);
        }
        return stream.snapshot();
    }

    /** Applies every step due by {@code now}, in the order they were due. */
    void settle(Instant now) {
        while (!steps.isEmpty() && !steps.peek().due().isAfter(now)) {
            Step step = steps.poll();
            StoredStream stream = streams(step.where()).get(step.name());
            if (stream == null) {
                continue;
            }
            if (step.retention() == null) {
                streams(step.where()).remove(step.name());
                stream.status = "DELETED";
            } else if (StoredStream.ACTIVE.equals(stream.status)) {
                stream.retentionHours = step.retention();
                stream.version = StoredStream.nextVersion();
            } else {
                continue;
            }
            changed(stream, step.retention() == null ? StreamChange.Cause.API : StreamChange.Cause.PROPAGATION);
        }
    }

    Map<String, String> tags(StoredStream stream) {
        return Map.copyOf(stream.tags);
    }

    List<EmulatedStream> snapshot() {
        List<EmulatedStream> all = new ArrayList<>();
        places.values().forEach(byName -> byName.values().forEach(s -> all.add(s.snapshot())));
        return all;
    }

    List<StreamChange> changes() {
        return List.copyOf(changes);
    }

    StreamQuotas quotas() {
        return quotas;
    }

    void quotas(StreamQuotas next) {
        quotas = next;
        places.values().forEach(byName -> byName.values().forEach(s -> s.updates = null));
    }

    void clear() {
        places.clear();
        steps.clear();
        changes.clear();
        misses.clear();
    }

    private void throttlePerStream(StoredStream stream) {
        double rate = quotas.updateDataRetentionPerStream();
        if (rate > 0) {
            if (stream.updates == null) {
                stream.updates = new TokenBucket(rate);
            }
            if (!stream.updates.tryTake(System.nanoTime())) {
                throw ApiException.of(ErrorType.CLIENT_LIMIT_EXCEEDED, "Rate exceeded for stream " + stream.name
                        + ": at most " + rate + " UpdateDataRetention calls per second.");
            }
        }
    }

    private NavigableMap<String, StoredStream> poolStreams(AccountRegion where, String poolId) {
        return streams(where).subMap(poolId + "-", true, poolId + ".", false);
    }

    private void changed(StoredStream stream, StreamChange.Cause cause) {
        if (changes.size() == CHANGES_KEPT) {
            changes.removeFirst();
        }
        changes.addLast(new StreamChange(++sequence, clock.instant(), stream.arn, stream.status,
                stream.retentionHours, stream.version, cause));
    }

    private static String nameIn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("stream/")) {
            return null;
        }
        String[] path = parts[5].split("/");
        return path.length == 3 ? path[1] : null;
    }

    private TreeMap<String, StoredStream> streams(AccountRegion where) {
        return places.computeIfAbsent(where, w -> new TreeMap<>());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
