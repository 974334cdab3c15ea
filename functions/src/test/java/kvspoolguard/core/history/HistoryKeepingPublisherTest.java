package kvspoolguard.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.testing.RecordingPublisher;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;

class HistoryKeepingPublisherTest {

    private static final String ARN = "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p";
    private static final GuardEvent DRIFTED = SampleDetails.drifted(ARN, 500, Instant.parse("2026-12-01T10:00:00Z"));
    private static final GuardEvent COMPLETED = SampleDetails.completed("run-1", Instant.parse("2026-12-01T10:00:01Z"));

    /** A history that keeps in a list, and refuses when told to. */
    private static final class ListHistory implements PoolHistory {
        final List<GuardEvent> kept = new ArrayList<>();
        boolean refuse;

        @Override
        public void keep(List<GuardEvent> events) {
            if (refuse) {
                throw new HistoryException(HistoryException.Kind.UNAVAILABLE, "table unreachable", null);
            }
            kept.addAll(events);
        }

        @Override
        public HistoryPage page(PoolRef pool, HistoryQuery query) {
        Instant since = query.since();
        int limit = query.limit();
        String token = query.token();
            return new HistoryPage(List.of(), null); // the publisher only keeps
        }
    }

    private final RecordingPublisher bus = new RecordingPublisher();
    private final ListHistory history = new ListHistory();
    private final HistoryKeepingPublisher publisher = new HistoryKeepingPublisher(bus, history);

    @Test
    void theEventsAboutPools_areKept_andEveryEventIsPublished() {
        publisher.publish(List.of(DRIFTED, COMPLETED));

        assertThat(history.kept).containsExactly(DRIFTED);
        assertThat(bus.published).containsExactly(DRIFTED, COMPLETED);
    }

    @Test
    void whenTheHistoryCannotKeep_nothingIsPublished_andEveryEventIsHandedBack() {
        history.refuse = true;

        assertThatThrownBy(() -> publisher.publish(List.of(DRIFTED, COMPLETED)))
                .isInstanceOfSatisfying(EventPublishException.class, e -> assertThat(e.unpublished())
                        .containsExactly(DRIFTED, COMPLETED))
                .hasMessageContaining("table unreachable");
        assertThat(bus.published).isEmpty();
    }

    @Test
    void eventsAboutNoPool_needNoHistory() {
        history.refuse = true;

        publisher.publish(List.of(COMPLETED));

        assertThat(bus.published).containsExactly(COMPLETED);
    }
}
