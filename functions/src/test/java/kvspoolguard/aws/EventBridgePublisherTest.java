package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.json.EventJson;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The publisher's batching and partial-failure logic. moto accepts every entry, so partial
 * failures (PutEvents answering 200 with some entries refused) are scripted here.
 */
class EventBridgePublisherTest {

    /** Refuses the entries whose detail names an event in {@code refuse}, a given number of times each. */
    private static final class PartlyRefusing implements EventBusApi {
        final List<List<EventBusApi.Entry>> calls = new ArrayList<>();
        final Set<String> refuse = new HashSet<>();
        int refusalsLeft;

        @Override
        public synchronized List<EventBusApi.Result> putEvents(List<EventBusApi.Entry> entries) {
            calls.add(entries);
            List<EventBusApi.Result> results = new ArrayList<>();
            boolean refusing = refusalsLeft-- > 0;
            for (EventBusApi.Entry entry : entries) {
                boolean refused = refusing && refuse.stream().anyMatch(id -> entry.detail().contains("\"" + id + "\""));
                results.add(refused ? new EventBusApi.Result(null, "InternalFailure", "try again")
                        : new EventBusApi.Result("x", null, null));
            }
            return results;
        }
    }

    private static List<GuardEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> SampleDetails.completed("id-" + i, Instant.EPOCH)).toList();
    }

    private final PartlyRefusing client = new PartlyRefusing();
    private final EventBridgePublisher publisher = new EventBridgePublisher(client, "bus",
            new EventBridgePublisher.Retries(3, BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1))));

    @Test
    void publish_23Events_inBatchesOfAtMost10() {
        publisher.publish(events(23));

        assertThat(client.calls).extracting(List::size).containsExactlyInAnyOrder(10, 10, 3);
        assertThat(client.calls.getFirst().getFirst().bus()).isEqualTo("bus");
        assertThat(client.calls.getFirst().getFirst().source()).isEqualTo("kvs-pool-guard");
    }

    @Test
    void publish_refusedEntries_areSentAgain_aloneThenAccepted() {
        client.refuse.addAll(Set.of("id-3", "id-7"));
        client.refusalsLeft = 1;

        publisher.publish(events(10));

        assertThat(client.calls).extracting(List::size).containsExactly(10, 2);
        assertThat(client.calls.get(1)).extracting(EventBusApi.Entry::detail)
                .containsExactly(EventJson.text(events(10).get(3).detail()), EventJson.text(events(10).get(7).detail()));
    }

    @Test
    void publish_stillRefusedAfterTheAttempts_handsBackExactlyThoseEvents() {
        client.refuse.add("id-4");
        client.refusalsLeft = Integer.MAX_VALUE;
        List<GuardEvent> events = events(12);

        assertThatThrownBy(() -> publisher.publish(events)).isInstanceOf(EventPublishException.class)
                .hasMessageContaining("1 of 12 events").hasMessageContaining("InternalFailure: try again")
                .satisfies(e -> assertThat(((EventPublishException) e).unpublished()).containsExactly(events.get(4)));
        // the first batch's id-4 three times; the second batch, of 2, once (batches go concurrently)
        assertThat(client.calls).extracting(List::size).containsExactlyInAnyOrder(10, 2, 1, 1);
    }

    @Test
    void publish_batchesAreSentSeveralAtATime() {
        CountDownLatch bothInFlight = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        EventBusApi meeting = entries -> {
            calls.incrementAndGet();
            bothInFlight.countDown();
            try {
                bothInFlight.await(5, TimeUnit.SECONDS); // one batch at a time would wait here in vain
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return entries.stream().map(e -> new EventBusApi.Result("x", null, null)).toList();
        };

        new EventBridgePublisher(meeting, "bus").publish(events(20));

        assertThat(bothInFlight.getCount()).isZero();
        assertThat(calls).hasValue(2);
    }
}
