package kvspoolguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.EventPublisher;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.testing.Pools;
import kvspoolguard.testing.ProcessKilled;
import kvspoolguard.testing.RecordingPublisher;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;

class EventRelayTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final RecordingPublisher bus = new RecordingPublisher();
    /** The outboxes emptied, as "arn:id,id" (ids sorted). */
    private final List<String> cleared = Collections.synchronizedList(new ArrayList<>());
    private final EventRelay relay = relayTo(bus);

    private EventRelay relayTo(EventPublisher publisher) {
        return new EventRelay(publisher, (arn, ids) -> cleared.add(arn + ":"
                + String.join(",", ids.stream().sorted().toList())));
    }

    private static GuardEvent event(String id) {
        return SampleDetails.discovered(id, Pools.active("p", 1).arn(), T0);
    }

    /** A pool with {@code count} events, all in its outbox. */
    private static EventRelay.Handover pool(String name, int count) {
        List<GuardEvent> events = IntStream.range(0, count).mapToObj(i -> event(name + "-" + i)).toList();
        return new EventRelay.Handover("arn:" + name,
                events, Set.copyOf(events.stream().map(GuardEvent::eventId).toList()));
    }

    @Test
    void poolsHandedOver_goOutInBatchesOfTen() { // before the run ends: RetentionGuardTest
        IntStream.range(0, 25).forEach(i -> relay.hand(pool("p" + i, 1)));

        EventRelay.Sent sent = relay.finish(List.of(), List.of());

        assertThat(bus.calls).extracting(List::size).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(sent.published()).hasSize(25);
        assertThat(cleared).hasSize(25);
    }

    @Test
    void aPoolsEvents_stayInOneBatch() {
        IntStream.range(0, 4).forEach(i -> relay.hand(pool("p" + i, 3)));

        relay.finish(List.of(), List.of());

        assertThat(bus.calls).extracting(List::size).containsExactlyInAnyOrder(9, 3);
        assertThat(cleared).contains("arn:p3:p3-0,p3-1,p3-2");
    }

    @Test
    void theRunsOwnEvents_goLast_afterEveryBatchWasAnswered() {
        IntStream.range(0, 35).forEach(i -> relay.hand(pool("p" + i, 1)));

        relay.finish(List.of(pool("late", 2)), List.of(event("run-completed")));

        assertThat(bus.calls.getLast()).extracting(GuardEvent::eventId).containsExactly("run-completed");
        assertThat(bus.published).hasSize(38);
        assertThat(cleared).noneMatch(c -> c.contains("run-completed"));
    }

    @Test
    void refusedEvents_stayInTheirOutboxes_theOthersAreCleared() {
        EventPublisher refusingSome = events -> {
            List<GuardEvent> refused = events.stream().filter(e -> e.eventId().startsWith("refused")).toList();
            if (!refused.isEmpty()) {
                throw new EventPublishException("bus refused " + refused.size(), refused, null);
            }
        };
        EventRelay partial = relayTo(refusingSome);
        partial.hand(pool("refused", 2));
        partial.hand(pool("ok", 2));

        EventRelay.Sent sent = partial.finish(List.of(), List.of());

        assertThat(sent.unpublished()).extracting(GuardEvent::eventId).containsExactlyInAnyOrder("refused-0", "refused-1");
        assertThat(sent.published()).extracting(GuardEvent::eventId).containsExactlyInAnyOrder("ok-0", "ok-1");
        assertThat(cleared).containsExactly("arn:ok:ok-0,ok-1");
    }

    @Test
    void anUpdateThatWasNotMade_hasItsIntendedEventDropped_withoutPublishingAnything() {
        relay.hand(new EventRelay.Handover("arn:failed", List.of(), Set.of("intended-1")));

        EventRelay.Sent sent = relay.finish(List.of(), List.of());

        assertThat(bus.calls).isEmpty();
        assertThat(sent.published()).isEmpty();
        assertThat(cleared).containsExactly("arn:failed:intended-1");
    }

    @Test
    void whatABatchThrows_isThrownByFinish() {
        bus.killFromCall = 2;
        IntStream.range(0, 30).forEach(i -> relay.hand(pool("p" + i, 1)));

        assertThatThrownBy(() -> relay.finish(List.of(), List.of())).isInstanceOf(ProcessKilled.class);
        assertThat(cleared).as("only the batch that went out").hasSize(10);
    }
}
