package kvspoolguard.core.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids are name-based UUIDs of what the event reports, so that the same fact reported twice
 * carries the same id and consumers can deduplicate on it.
 */
final class EventIds {

    private EventIds() {
    }

    static String of(EventType type, Object... identity) {
        StringBuilder name = new StringBuilder(EventType.SOURCE).append('/').append(type.slug());
        for (Object part : identity) {
            name.append('/').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
