package kvspoolguard.local.aws;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local, in memory, serving the real DynamoDB wire protocol on 127.0.0.1 only.
 * DynamoDB Local's own launcher binds every interface and has no host option, so its request
 * handler is mounted on a Jetty connector of our own. Its telemetry is never configured, so it
 * sends nothing anywhere.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBRequestHandler requests;
    private final int port;

    private LocalDynamoDb(Server server, LocalDynamoDBRequestHandler requests, int port) {
        this.server = server;
        this.requests = requests;
        this.port = port;
    }

    /** Starts an empty in-memory database on {@code port} (0: any free port). */
    public static LocalDynamoDb start(int port) {
        try {
            var requests = new LocalDynamoDBRequestHandler(0, true, null, false, false);
            var handler = new LocalDynamoDBServerHandler(requests, null);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            // DynamoDBProxyServer only lends its handler wiring; its own server is never started
            server.setHandler(new DynamoDBProxyServer(0, handler).setUpHandler(handler));
            server.start();
            return new LocalDynamoDb(server, requests, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on 127.0.0.1:" + port + ": " + e, e);
        }
    }

    /** The endpoint for AWS_ENDPOINT_URL_DYNAMODB. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop: " + e, e);
        } finally {
            requests.shutdown();
        }
    }
}
