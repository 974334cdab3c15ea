package kvspoolguard.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The loopback interface every local service binds to, and nothing else. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * A port free on 127.0.0.1 now, for a child process that takes no port 0 (moto, RIE). Another
     * process could take it before the child binds it; the child then fails to start, loudly.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
