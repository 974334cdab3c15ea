package kvspoolguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.HttpApiGateway;
import org.junit.jupiter.api.Test;

/**
 * What the functions log, over everything this JVM's end-to-end tests made them do (and a round of
 * requests of its own that carry credentials): no credentials, no Authorization header, no caller
 * identity beyond the principal ARN, no request bodies.
 */
class LogHygieneEndToEndTest {

    /** A signature and session token a real caller would send; none of it may reach a log. */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIACALLERSECRET0000/20261121/us-east-1/"
            + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=5e3f0c0ffee5e3f0c0ffee";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEAAaCXVzLWVhc3QtMSJHMEUCIQDsessiontoken";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJl";

    private final BuiltStack stack = BuiltStack.get();

    @Test
    void theFunctionsLogs_holdNoCredentials_noAuthorization_noCallerIdentityBeyondThePrincipal() throws Exception {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active("hygiene", 2400));
        HttpClient http = HttpClient.newHttpClient();
        try (HttpApiGateway api = HttpApiGateway.start(stack.spec.routes(), name -> stack.poolApi, 0,
                HttpApiGateway.Caller.DEFAULT)) {
            for (String[] call : List.of(new String[] {"GET", "/pools", null},
                    new String[] {"PUT", "/pools/hygiene/retention", "{\"dataRetentionInHours\": 96}"},
                    new String[] {"PUT", "/pools/hygiene/retention", "{\"dataRetentionInHours\": \"secret-body\"}"},
                    new String[] {"PUT", "/pools/hygiene/retention", "{\"dataRetentionInHours\": 99999}"},
                    new String[] {"POST", "/enforcements", "{\"dryRun\": true}"},
                    new String[] {"GET", "/pools/no-such-pool", null})) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.endpoint().toString().replaceAll("/$", "") + call[1]))
                        .header("Authorization", AUTHORIZATION).header("X-Amz-Security-Token", SESSION_TOKEN)
                        .header("X-Forwarded-Authorization", "Bearer " + JWT)
                        .method(call[0], call[2] == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call[2]));
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        }
        stack.sweep();
        stack.enforcer.invoke("{\"id\": \"x\", \"source\": \"aws.s3\"}".getBytes(StandardCharsets.UTF_8));

        List<String> lines = stack.logLines();
        assertThat(lines).as("the functions logged").isNotEmpty()
                .anyMatch(l -> l.contains(HttpApiGateway.Caller.DEFAULT.principalArn()));
        List<String> forbidden = List.of(
                "Authorization", "AWS4-HMAC-SHA256", "Credential=", "Signature=", "AKIACALLERSECRET", SESSION_TOKEN,
                "X-Amz-Security-Token", JWT, "eyJhbGci",
                // the functions' own credentials and the caller's identity beyond its principal ARN
                LocalAwsServices.ACCESS_KEY, "ASIALOCALACCESSKEY00", "AROALOCALDEVELOPER00", "cognitoIdentity",
                // request bodies
                "secret-body", "\"dataRetentionInHours\": 96");
        for (String word : forbidden) {
            assertThat(lines).as("no log line holds " + word).noneMatch(l -> l.contains(word));
        }
        // the functions never name their credential variables; RIE's own lines ("(rapid)") may, to
        // say that a session token is absent
        List<String> functionLines = lines.stream().filter(l -> !l.contains("] (rapid) ")).toList();
        for (String variable : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            assertThat(functionLines).as("no function log line names " + variable).noneMatch(l -> l.contains(variable));
        }
    }
}
