package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import kvspoolguard.core.events.EventPublishException;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.testing.LocalAws;
import kvspoolguard.testing.SampleDetails;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** The publisher over EventBridge's JSON protocol against moto's EventBridge, which delivers to an SQS queue the test reads. */
class EventBridgePublisherIT {

    private final LocalAws aws = LocalAws.get();

    private static GuardEvent event(int i) {
        return SampleDetails.discovered("id-" + i,
                "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/p" + i,
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void publish_25Events_deliversEveryOne_asDocumented() {
        LocalAwsServices.EventTap tap = aws.newBusWithTap();
        EventBridgePublisher publisher = EventBridgePublisher.fromEnvironment(UrlConnectionHttpClient.create(), tap.bus);

        publisher.publish(IntStream.range(0, 25).mapToObj(EventBridgePublisherIT::event).toList());

        List<JsonNode> delivered = tap.drain();
        assertThat(delivered).hasSize(25);
        assertThat(delivered).extracting(e -> e.path("detail").path("eventId").asText())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25).mapToObj(i -> "id-" + i).toList());
        JsonNode one = delivered.stream().filter(e -> e.path("detail").path("eventId").asText().equals("id-7")).findFirst().orElseThrow();
        assertThat(one.path("source").asText()).isEqualTo("kvs-pool-guard");
        assertThat(one.path("detail-type").asText()).isEqualTo("Pool Status Changed");
        assertThat(one.path("resources").get(0).asText()).endsWith("/p7");
        assertThat(one.path("time").asText()).isEqualTo("2026-11-21T10:00:00Z");
    }

    @Test
    void publish_toAMissingBus_retries_thenHandsBackEveryEvent() {
        EventBridgePublisher publisher = new EventBridgePublisher(EventBridgeApi.fromEnvironment(UrlConnectionHttpClient.create()), "no-such-bus",
            new EventBridgePublisher.Retries(3, BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1))));
        List<GuardEvent> events = IntStream.range(0, 12).mapToObj(EventBridgePublisherIT::event).toList();

        assertThatThrownBy(() -> publisher.publish(events))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("12 of 12 events")
                .hasMessageContaining("no-such-bus")
                .satisfies(e -> assertThat(((EventPublishException) e).unpublished()).isEqualTo(events));
    }
}
