package kvspoolguard.bench;

import java.util.ArrayList;
import java.util.List;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;

/**
 * A fleet of ACTIVE pools, every tenth outside the default policy (24..720 hours): alternately
 * above it (2,000 h) and below it (1 h). The rest keep 168 h.
 */
record Fleet(int pools, int nonCompliant) {

    static final int COMPLIANT_HOURS = 168;

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
        return new Fleet(pools, outside);
    }

    int pages() {
        return (pools + 99) / 100;
    }
}
