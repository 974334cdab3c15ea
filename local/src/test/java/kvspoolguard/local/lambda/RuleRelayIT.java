package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import kvspoolguard.local.aws.LocalAwsServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A template rule as {@code make stack} delivers it: moto's EventBridge matches the rule's pattern,
 * the function under RIE gets the event, and a failed delivery is delivered again.
 */
class RuleRelayIT {

    private static LocalAwsServices aws;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void moto() {
        aws = LocalAwsServices.start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void aMatchingEventReachesTheFunction_andAFailedDeliveryIsDeliveredAgain() throws Exception {
        Path marker = Files.createTempDirectory("relay").resolve("first-delivery-failed");
        String source = "test.relay." + UUID.randomUUID();
        var pattern = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"source\": [\"" + source + "\"]}");
        try (LocalFunction function = function("failOnce");
             RuleRelay relay = RuleRelay.start(new LocalSpec.Rule("Relayed", "Event" + UUID.randomUUID().toString()
                     .substring(0, 8), "default", pattern), function, aws.eventBridgeClient, aws.sqsClient, log::add)) {
            aws.eventBridgeClient.putEvents(r -> r.entries(
                    e -> e.source("test.other").detailType("t").detail("{\"marker\": \"" + marker + "\"}"),
                    e -> e.source(source).detailType("t").detail("{\"marker\": \"" + marker + "\"}")));

            Instant giveUp = Instant.now().plusSeconds(30);
            while (starts() < 2 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(200);
            }
            Thread.sleep(1_500); // a third delivery, were the second not acknowledged, would show here

            assertThat(Files.exists(marker)).as("the first delivery reached the function").isTrue();
            assertThat(log).anyMatch(l -> l.contains("failed (") && l.contains("delivered again"));
            assertThat(starts()).as("delivered twice: refused, then answered; the other source never").isEqualTo(2);
        }
    }

    private long starts() {
        synchronized (log) {
            return log.stream().filter(l -> l.startsWith("START RequestId: ")).count();
        }
    }

    private LocalFunction function(String method) {
        return TestFunctions.of(method, 10, log::add);
    }
}
