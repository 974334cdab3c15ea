package kvspoolguard.local.chime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Json;

/**
 * A seed document: a pool or an array of pools, each as {@link EmulatedPool} reads it, with an
 * optional {@code "streams": N} that gives the seeded pool N streams at its retention. Seed files
 * and {@code POST /_emulator/pools} take it.
 */
final class Seeds {

    private Seeds() {
    }

    static List<EmulatedPool> apply(ChimePoolEmulator emulator, JsonNode document) throws JsonProcessingException {
        if (document == null || !(document.isArray() || document.isObject())) {
            throw new IllegalArgumentException("expected a pool or an array of pools");
        }
        List<EmulatedPool> seeded = new ArrayList<>();
        for (JsonNode one : document.isArray() ? document : List.of(document)) {
            if (!one.isObject()) {
                throw new IllegalArgumentException("a pool must be a JSON object, got " + one);
            }
            ObjectNode pool = ((ObjectNode) one).deepCopy();
            JsonNode streams = pool.remove("streams");
            if (streams != null && !(streams.canConvertToInt() && streams.asInt() >= 0)) {
                throw new IllegalArgumentException("streams must be a whole number 0 or more, got " + streams);
            }
            EmulatedPool stored = emulator.seed(Json.MAPPER.treeToValue(pool, EmulatedPool.class)).getFirst();
            if (streams != null && streams.asInt() > 0) {
                emulator.growPool(stored.accountId(), stored.region(), stored.name(), streams.asInt());
            }
            seeded.add(stored);
        }
        return seeded;
    }
}
