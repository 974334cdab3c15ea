package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.lambda.HttpApiGateway;
import kvspoolguard.local.lambda.LocalSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template's routes with ApiAuthorizer=JWT (as SAM's providers resolve them: `make e2e` writes
 * that spec), behind the local gateway's JWT authoriser, in front of the sam-built function: the
 * write routes need the write scope, the read routes the read scope (or the write one).
 */
class ScopedRoutesEndToEndTest {

    private static final String READER = token("{\"sub\":\"reader\",\"iss\":\"https://issuer.example\","
            + "\"aud\":\"kvs-pool-guard\",\"scope\":\"kvs-pool-guard/read\"}");
    private static final String OPERATOR = token("{\"sub\":\"operator\",\"iss\":\"https://issuer.example\","
            + "\"aud\":\"kvs-pool-guard\",\"scope\":\"openid kvs-pool-guard/write\"}");

    private static final BuiltStack STACK = BuiltStack.get();
    private static HttpApiGateway api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serveTheJwtRoutes() {
        LocalSpec jwt = LocalSpec.read(Path.of(System.getProperty("kvspoolguard.jwtSpec",
                BuiltStack.ROOT.resolve(".aws-sam/local-spec-jwt.json").toString())));
        assertThat(jwt.routes()).allSatisfy(r -> assertThat(r.authorizationType()).isEqualTo("JWT"));
        api = HttpApiGateway.start(jwt.routes(), name -> STACK.poolApi, 0, HttpApiGateway.Caller.DEFAULT);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void onePool() {
        STACK.chime.reset();
        STACK.chime.seed(EmulatedPool.active("scoped", 720));
        STACK.chime.clearJournal();
    }

    @Test
    void aTokenWithoutTheWriteScope_is403_andChangesNothing() throws Exception {
        HttpResponse<String> answer = put(READER, 168);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(STACK.pool("scoped").dataRetentionInHours()).isEqualTo(720);
        assertThat(STACK.chime.requests()).as("the function never ran").isEmpty();
        assertThat(post(READER).statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenWithTheWriteScope_changesThePool() throws Exception {
        HttpResponse<String> answer = put(OPERATOR, 168);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(STACK.pool("scoped").dataRetentionInHours()).isEqualTo(168);
        assertThat(STACK.chime.requests()).anyMatch(r -> r.operation() == Operation.UPDATE_POOL);
    }

    @Test
    void theReadRoutes_takeEitherScope_andNoTokenIs401() throws Exception {
        assertThat(get(READER).statusCode()).isEqualTo(200);
        assertThat(get(OPERATOR).statusCode()).isEqualTo(200);
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(put(null, 168).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return send(token, HttpRequest.newBuilder(uri("/pools/scoped")).GET());
    }

    private HttpResponse<String> put(String token, int hours) throws Exception {
        return send(token, HttpRequest.newBuilder(uri("/pools/scoped/retention")).header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"dataRetentionInHours\": " + hours + "}")));
    }

    private HttpResponse<String> post(String token) throws Exception {
        return send(token, HttpRequest.newBuilder(uri("/enforcements")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")));
    }

    private HttpResponse<String> send(String token, HttpRequest.Builder request) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(api.endpoint() + path);
    }

    /** An unsigned JWT with these claims: the local gateway checks scopes, not signatures. */
    private static String token(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
