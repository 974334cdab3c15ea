package kvspoolguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.StreamChange;

/**
 * The soak's ground truth on the pools' streams (the emulator's change logs) against what the guard
 * did to them and announced: each of its UpdateDataRetention calls that changed a stream must have
 * brought it to a retention its pool held then, or in the moments before, while the guard read it
 * ({@value #READ_WINDOW_MS} ms: an outsider may change the pool between the guard's read and its
 * write; {@code astray} otherwise), and been announced first by a Stream Retention Drifted
 * ({@code unannounced} otherwise); at the end, every stream of an ACTIVE pool the policy governs
 * holds its pool's retention ({@code off} otherwise).
 */
final class StreamLedger {

    static final long READ_WINDOW_MS = 2_000;

    /** The figures, and a few examples of each failure. */
    record Tally(int outsiderChanges, int guardChanges, int astray, int unannounced, int off, List<String> examples) {
    }

    private StreamLedger() {
    }

    /**
     * @param judged whether a pool of the final fleet has its streams governed (not exempt, not refused)
     */
    static Tally tally(List<StreamChange> streamChanges, List<PoolChange> poolChanges, List<EmulatedPool> fleet,
                       List<EmulatedStream> streams, List<JsonNode> events, Predicate<EmulatedPool> judged) {
        Map<String, EmulatedPool> poolById = new HashMap<>();
        fleet.forEach(p -> poolById.put(p.poolId(), p));
        Map<String, String> arnOfPool = new HashMap<>();
        fleet.forEach(p -> arnOfPool.put(p.poolId(), arnOf(p)));
        Map<String, List<PoolChange>> poolTimeline = new HashMap<>();
        poolChanges.stream().sorted(Comparator.comparingLong(PoolChange::sequence))
                .forEach(c -> poolTimeline.computeIfAbsent(c.arn(), a -> new ArrayList<>()).add(c));
        Map<String, String> poolIdOfStream = new HashMap<>();
        streams.forEach(s -> s.poolId().ifPresent(id -> poolIdOfStream.put(s.arn(), id)));
        Set<String> announced = new HashSet<>();
        for (JsonNode e : events) {
            if (e.path("detail-type").asText().equals("Stream Retention Drifted")
                    && e.at("/detail/action").asText().equals("CORRECTING")) {
                announced.add(e.at("/detail/stream/arn").asText() + "@" + e.at("/detail/toHours").asInt());
            }
        }
        int outsider = 0;
        int guard = 0;
        int astray = 0;
        int unannounced = 0;
        List<String> examples = new ArrayList<>();
        for (StreamChange change : streamChanges) {
            if (change.cause() == StreamChange.Cause.OUTSIDE) {
                outsider++;
            }
            if (change.cause() != StreamChange.Cause.API || !"ACTIVE".equals(change.status())) {
                continue;
            }
            guard++;
            String poolArn = arnOfPool.get(poolIdOfStream.get(change.streamArn()));
            Set<Integer> poolHours = retentionsWhile(poolTimeline.getOrDefault(poolArn, List.of()), change);
            if (!poolHours.contains(change.dataRetentionInHours())) {
                astray++;
                example(examples, "astray: " + change + " (pool then at " + poolHours + ")");
            }
            if (!announced.contains(change.streamArn() + "@" + change.dataRetentionInHours())) {
                unannounced++;
                example(examples, "unannounced: " + change);
            }
        }
        int off = 0;
        for (EmulatedStream stream : streams) {
            EmulatedPool pool = stream.poolId().map(poolById::get).orElse(null);
            if (pool != null && judged.test(pool) && "ACTIVE".equals(stream.status())
                    && stream.dataRetentionInHours() != pool.dataRetentionInHours()) {
                off++;
                example(examples, "off: " + stream.name() + " at " + stream.dataRetentionInHours() + ", its pool at "
                        + pool.dataRetentionInHours());
            }
        }
        return new Tally(outsider, guard, astray, unannounced, off, examples);
    }

    /** The retentions the pool held from {@value #READ_WINDOW_MS} ms before the stream's change to it. */
    private static Set<Integer> retentionsWhile(List<PoolChange> timeline, StreamChange change) {
        Set<Integer> held = new HashSet<>();
        Integer before = null;
        for (PoolChange c : timeline) {
            if (c.at().isAfter(change.at())) {
                break;
            }
            if (c.at().isBefore(change.at().minusMillis(READ_WINDOW_MS))) {
                before = c.retentionHours();
            } else {
                held.add(c.retentionHours());
            }
        }
        if (before != null) {
            held.add(before);
        }
        return held;
    }

    private static String arnOf(EmulatedPool pool) {
        return "arn:aws:chime:" + pool.region() + ":" + pool.accountId()
                + ":media-pipeline-kinesis-video-stream-pool/" + pool.name();
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 10) {
            examples.add(example);
        }
    }
}
