package kvspoolguard.local.chime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP to the emulator, for what an SDK would not send: unsigned, malformed or admin requests. */
final class RawHttp {

    /** A well-formed SigV4 header; the emulator reads its scope and does not verify the signature. */
    static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIAEMULATOR/20260101/us-east-1/chime/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private RawHttp() {
    }

    static HttpResponse<String> send(ChimePoolEmulator emulator, String method, String pathAndQuery,
                                     String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // a client per request: a pooled connection could outlive its emulator, whose port a later
        // test's emulator may then get, and a PUT sent down it would fail instead of being retried
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> signed(ChimePoolEmulator emulator, String method, String pathAndQuery, String body) {
        return send(emulator, method, pathAndQuery, SIGNED, body);
    }

    static HttpResponse<String> admin(ChimePoolEmulator emulator, String method, String path, String body) {
        return send(emulator, method, "/_emulator/" + path, null, body);
    }
}
