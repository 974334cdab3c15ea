package kvspoolguard.bench;

import java.util.ArrayList;
import java.util.List;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;

/**
 * A fleet of ACTIVE pools, every tenth outside the default policy (24..720 hours): alternately
 * above it (2,000 h) and below it (1 h). The rest keep 168 h. With streams, each pool has
 * {@value #STREAMS_PER_POOL}, and one stream in twenty holds another retention than its pool.
 */
record Fleet(int pools, int nonCompliant, int streams, int driftedStreams) {

    static final int COMPLIANT_HOURS = 168;
    static final int STREAMS_PER_POOL = 4;
    /** ListStreams' largest page. */
    static final int STREAM_PAGE = 10_000;

    static Fleet seed(ChimePoolEmulator chime, int pools) {
        chime.reset();
        List<EmulatedPool> seeded = new ArrayList<>(pools);
        int outside = 0;
        for (int i = 0; i < pools; i++) {
            int hours = COMPLIANT_HOURS;
            if (i % 10 == 9) {
                hours = outside++ % 2 == 0 ? 2000 : 1;
            }
            seeded.add(EmulatedPool.active(String.format("pool-%05d", i), hours));
        }
        chime.seed(seeded.toArray(EmulatedPool[]::new));
        chime.clearJournal();
        return new Fleet(pools, outside, 0, 0);
    }

    /** The same fleet, each pool with its streams, one in twenty of them drifted. */
    static Fleet seedWithStreams(ChimePoolEmulator chime, int pools) {
        Fleet fleet = seed(chime, pools);
        int drifted = streams(chime, chime.pools(), STREAMS_PER_POOL);
        return new Fleet(pools, fleet.nonCompliant(), pools * STREAMS_PER_POOL, drifted);
    }

    /**
     * Gives each pool {@code perPool} streams at its retention, then changes one in twenty of all the
     * streams behind the API (a day more, a day less, in turn). Only streams of compliant pools
     * drift: a pool the sweep corrects is UPDATING, and its streams are not judged by that sweep.
     * Returns how many drifted.
     */
    static int streams(ChimePoolEmulator chime, List<EmulatedPool> pools, int perPool) {
        int due = pools.size() * perPool / 20;
        int drifted = 0;
        int seen = 0;
        for (EmulatedPool pool : pools) {
            List<EmulatedStream> made = chime.growPool(pool.accountId(), pool.region(), pool.name(), perPool);
            if (pool.dataRetentionInHours() != COMPLIANT_HOURS) {
                continue;
            }
            for (EmulatedStream stream : made) {
                if (drifted < due && seen++ % 18 == 17) {
                    int hours = COMPLIANT_HOURS + (drifted % 2 == 0 ? 24 : -24);
                    chime.replaceStream(stream.accountId(), stream.region(), stream.name(), s -> s.withRetention(hours));
                    drifted++;
                }
            }
        }
        chime.clearJournal();
        return drifted;
    }

    /** The fewest stream calls of a sweep: a ListStreams page per shard (one step each), an update per drifted stream. */
    static long streamFloor(int shards, int streamsPerShard, long drifted) {
        return (long) shards * Math.max(1, (streamsPerShard + STREAM_PAGE - 1) / STREAM_PAGE) + drifted;
    }

    int pages() {
        return (pools + 99) / 100;
    }
}
