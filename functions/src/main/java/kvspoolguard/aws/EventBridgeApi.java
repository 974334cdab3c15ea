package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * PutEvents over EventBridge's JSON protocol ({@link AwsJsonService}): only the one request and its
 * answer are written here. The generated EventBridge client would add a 1.7 MB jar for this one
 * call; docs/benchmarks.md has the figures.
 */
final class EventBridgeApi implements EventBusApi {

    private static final AwsJsonService.Service EVENTS = new AwsJsonService.Service("events", "AWSEvents",
            "EventBridge");

    private final AwsJsonService events;

    EventBridgeApi(AwsJsonService.Transport transport, AwsJsonService.Target target) {
        this.events = new AwsJsonService(EVENTS, transport, target);
    }

    /** As the SDK's clients configure themselves: AWS_REGION, the credentials chain, AWS_ENDPOINT_URL(_EVENTBRIDGE). */
    static EventBridgeApi fromEnvironment(SdkHttpClient http) {
        String region = new DefaultAwsRegionProviderChain().getRegion().id();
        return new EventBridgeApi(new AwsJsonService.Transport(http, DefaultCredentialsProvider.builder().build(),
                AwsRetryStrategy.standardRetryStrategy()), new AwsJsonService.Target(region,
                AwsJsonService.endpoint("EventBridge", "events", region)));
    }

    @Override
    public List<Result> putEvents(List<Entry> entries) {
        ObjectNode input = AwsJsonService.input();
        ArrayNode list = input.putArray("Entries");
        for (Entry entry : entries) {
            ObjectNode e = list.addObject().put("EventBusName", entry.bus()).put("Source", entry.source())
                    .put("DetailType", entry.detailType()).put("Detail", entry.detail());
            if (entry.time() != null) {
                // the JSON protocol's timestamps are seconds since the epoch
                e.put("Time", BigDecimal.valueOf(entry.time().toEpochMilli(), 3));
            }
            entry.resources().forEach(e.putArray("Resources")::add);
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode result : events.call("PutEvents", input).path("Entries")) {
            results.add(new Result(text(result, "EventId"), text(result, "ErrorCode"), text(result, "ErrorMessage")));
        }
        return results;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
