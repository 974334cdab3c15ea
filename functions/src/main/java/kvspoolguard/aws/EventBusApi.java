package kvspoolguard.aws;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.json.EventJson;

/**
 * EventBridge's PutEvents, the one EventBridge operation the functions call. Failures of the whole
 * call are the SDK's exceptions: an {@code AwsServiceException} with the service's error code
 * ({@code ResourceNotFoundException}, ...), an {@code SdkClientException} when EventBridge could
 * not be reached.
 */
interface EventBusApi {

    /** One event to put on {@code bus}; {@code detail} is its JSON text. */
    @RecordBuilder
    record Entry(String bus, String source, String detailType, Instant time, List<String> resources, String detail) {

        /** An entry by name, as a test writes one the bus would refuse. */
        static EventBusApiEntryBuilder builder() {
            return EventBusApiEntryBuilder.builder();
        }

        /** {@code event} as an entry for {@code bus}, its detail written by {@link EventJson}. */
        static Entry of(String bus, GuardEvent event) {
            return new Entry(bus, EventType.SOURCE, event.type().detailType(), event.time(), event.resources(),
                    EventJson.text(event.detail()));
        }
    }

    /** What became of one entry: its event id, or why EventBridge refused it. */
    record Result(String eventId, String errorCode, String errorMessage) {
        boolean refused() {
            return errorCode != null;
        }
    }

    /** The entries' results, in their order (PutEvents answers 200 when some entries are refused). */
    List<Result> putEvents(List<Entry> entries);
}
