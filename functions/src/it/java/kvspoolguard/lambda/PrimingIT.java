package kvspoolguard.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.testing.CapturedLogs;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming takes the functions' path without a request leaving the process: every
 * endpoint the SDK's clients (and the functions' own JSON-protocol calls) would reach is a server
 * here that records what it is sent, and it is sent nothing.
 */
class PrimingIT {

    private static final List<String> SERVICES = List.of("ChimeSdkMediaPipelines", "DynamoDb", "EventBridge", "Sqs",
            "Ssm", "Sts", "Organizations");

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> saved = new java.util.HashMap<>();
    private HttpServer everywhere;
    private GuardConfig config;

    @BeforeEach
    void everyEndpointIsAServerThatRecords() throws Exception {
        LocalAws aws = LocalAws.get();
        config = GuardConfig.fromEnvironment(aws.functionEnvironment(aws.newBusWithTap()));
        everywhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        everywhere.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        everywhere.start();
        List<String> keys = new ArrayList<>(SERVICES.stream().map(s -> "aws.endpointUrl" + s).toList());
        keys.add("aws.endpointUrl");
        for (String key : keys) {
            saved.put(key, System.getProperty(key));
            System.setProperty(key, "http://127.0.0.1:" + everywhere.getAddress().getPort());
        }
    }

    @AfterEach
    void restore() {
        everywhere.stop(0);
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void thePath_isTaken_withoutARequestLeavingTheProcess() {
        int mark = CapturedLogs.mark();

        assertThat(new Priming("TestFunction", config, () -> { }).prime()).as(CapturedLogs.since(mark).toString())
                .isTrue();

        assertThat(received).as("requests that left the process").isEmpty();
        assertThat(CapturedLogs.since(mark)).anyMatch(l -> l.contains("TestFunction primed for the snapshot"));
    }

    @Test
    void aPrimingThatFails_isLogged_andDoesNotFailTheSnapshot() {
        int mark = CapturedLogs.mark();

        assertThat(new Priming("TestFunction", config, () -> {
            throw new IllegalStateException("no sample");
        }).prime()).isFalse();

        assertThat(CapturedLogs.since(mark)).anyMatch(l -> l.contains("TestFunction not primed") && l.contains("no sample"));
        assertThat(received).isEmpty();
        assertThat(new Priming("TestFunction", config, () -> {
            throw new NoClassDefFoundError("software/amazon/awssdk/Missing");
        }).prime()).as("a class the package lacks").isFalse();
    }
}
