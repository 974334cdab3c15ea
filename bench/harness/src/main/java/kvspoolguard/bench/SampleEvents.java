package kvspoolguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import kvspoolguard.local.lambda.SchedulerInput;

/** The repository's sample events (events/), as AWS would send them now. */
final class SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    SampleEvents(Path folder) {
        this.folder = folder;
    }

    byte[] schedule() {
        return bytes(read("schedule.json"));
    }

    /** The schedule's event for another firing (a run is named after its schedule and scheduled time): another run. */
    byte[] schedule(String id) {
        return bytes(SchedulerInput.anotherFiring(read("schedule.json"), id));
    }

    /** An aws.chime Updated event of the pool (the enforcer ignores events older than what it saw). */
    byte[] poolUpdated(String poolArn) {
        ObjectNode event = read("pool-updated.json");
        Instant now = Instant.now();
        event.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        ((ObjectNode) event.get("detail")).put("timestamp", now.toEpochMilli()).put("poolArn", poolArn);
        return bytes(event);
    }

    private ObjectNode read(String name) {
        try {
            return (ObjectNode) JSON.readTree(folder.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + name, e);
        }
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
