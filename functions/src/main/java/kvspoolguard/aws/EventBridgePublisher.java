package kvspoolguard.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.run.Workers;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Publishes to one EventBridge bus in PutEvents batches of at most 10 entries, up to
 * {@link #CONCURRENT_BATCHES} batches at a time (a first sweep of a large fleet has an event per
 * pool; one batch after the other, they would take longer than the sweep). PutEvents answers 200
 * even when some entries fail; those entries (and whole batches whose call failed after the
 * client's own retries) are sent again with backoff. What still fails is handed back, never dropped.
 */
public final class EventBridgePublisher implements EventPublisher {

    static final int MAX_ENTRIES = 10;
    static final int CONCURRENT_BATCHES = 8;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EventBusApi eventBridge;
    private final String bus;
    private final int attempts;
    private final BackoffStrategy backoff;

    /** To {@code bus}, reached as the SDK's clients reach EventBridge (AWS_REGION, AWS_ENDPOINT_URL_EVENTBRIDGE, ...). */
    public static EventBridgePublisher fromEnvironment(SdkHttpClient http, String bus) {
        return new EventBridgePublisher(EventBridgeApi.fromEnvironment(http), bus);
    }

    /** How often a batch's refused entries are put again ({@code attempts} in all), and how long between. */
    record Retries(int attempts, BackoffStrategy backoff) {
    }

    EventBridgePublisher(EventBusApi eventBridge, String bus) {
        this(eventBridge, bus, new Retries(4, BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
                Duration.ofSeconds(2))));
    }

    EventBridgePublisher(EventBusApi eventBridge, String bus, Retries retries) {
        int attempts = retries.attempts();
        BackoffStrategy backoff = retries.backoff();
        this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
        if (bus == null || bus.isBlank()) {
            throw new IllegalArgumentException("the publisher needs an event bus name");
        }
        this.bus = bus;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    @Override
    public void publish(List<GuardEvent> events) {
        List<List<GuardEvent>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            batches.add(events.subList(from, Math.min(events.size(), from + MAX_ENTRIES)));
        }
        Map<String, String> errors = new ConcurrentHashMap<>();
        List<GuardEvent> unpublished = Workers.map(batches, CONCURRENT_BATCHES, batch -> sendWithRetries(batch, errors))
                .stream().flatMap(List::stream).toList();
        if (!unpublished.isEmpty()) {
            throw new EventPublishException(unpublished.size() + " of " + events.size() + " events could not be put on "
                    + bus + " after " + attempts + " attempts: " + errors, unpublished, null);
        }
    }

    /** Sends a batch until every entry is accepted or the attempts run out; returns what is left. */
    private List<GuardEvent> sendWithRetries(List<GuardEvent> batch, Map<String, String> errors) {
        List<GuardEvent> pending = batch;
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause(backoff.computeDelay(attempt - 1));
            }
            pending = send(pending, errors);
        }
        return pending;
    }

    private List<GuardEvent> send(List<GuardEvent> batch, Map<String, String> errors) {
        List<EventBusApi.Result> results;
        try {
            results = eventBridge.putEvents(batch.stream().map(this::entry).toList());
        } catch (SdkException e) {
            batch.forEach(event -> errors.put(event.eventId(), Objects.toString(e.getMessage(), e.getClass().getSimpleName())));
            return batch;
        }
        List<GuardEvent> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EventBusApi.Result result = i < results.size() ? results.get(i) : null;
            if (result == null || result.refused()) {
                failed.add(batch.get(i));
                errors.put(batch.get(i).eventId(), result == null ? "no result entry"
                        : result.errorCode() + ": " + result.errorMessage());
            } else {
                errors.remove(batch.get(i).eventId());
            }
        }
        return failed;
    }

    private EventBusApi.Entry entry(GuardEvent event) {
        return EventBusApi.Entry.of(bus, event);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
