package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicySourceException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The policy source and its SSM reader ({@link SsmParameterStore}) against moto's SSM Parameter
 * Store, and against a local server for the faults moto cannot make.
 */
class SsmPolicySourceIT {

    private static final RetentionPolicy FALLBACK = RetentionPolicy.defaultsOnly(Bounds.between(24, 720),
            ExemptTag.DEFAULT);
    private static final String DOC = """
            {"version": "v1", "rules": [{"name": "legal", "match": {"name": "legal-*"}, "targetHours": 2160}]}""";

    private final LocalAws aws = LocalAws.get();
    private final String name = "/kvs-pool-guard/" + UUID.randomUUID() + "/policy";
    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final ParameterStore moto = SsmParameterStore.fromEnvironment(UrlConnectionHttpClient.create());

    private SsmPolicySource source(ParameterStore ssm) {
        return new SsmPolicySource(ssm, PolicyParameter.builder().name(name).fallback(FALLBACK)
                .ttl(Duration.ofSeconds(60)).maxStandIn(Duration.ofMinutes(30)).clock(clock).build());
    }

    private static ParameterStore at(URI endpoint) {
        return new SsmParameterStore(new AwsJsonService.Transport(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIALOCAL", "local")),
                AwsRetryStrategy.standardRetryStrategy()), new AwsJsonService.Target(LocalAws.REGION, endpoint));
    }

    @Test
    void current_readsTheDocument_andKeepsItForTheTtl() {
        aws.putParameter(name, DOC);
        SsmPolicySource source = source(moto);

        RetentionPolicy first = source.current();
        aws.putParameter(name, DOC.replace("v1", "v2"));
        RetentionPolicy cached = source.current();
        now = now.plusSeconds(60);
        RetentionPolicy refreshed = source.current();

        assertThat(first.rules()).singleElement().satisfies(r -> assertThat(r.bounds()).isEqualTo(Bounds.exactly(2160)));
        assertThat(first.defaults()).as("left out: the fallback").isEqualTo(Bounds.between(24, 720));
        assertThat(first.source()).isEqualTo("ssm:" + name);
        assertThat(cached.version()).isEqualTo("v1");
        assertThat(refreshed.version()).isEqualTo("v2");
    }

    @Test
    void current_documentWithoutVersion_isVersionedByTheParameter() {
        aws.putParameter(name, "{}");
        aws.putParameter(name, "{\"rules\": []}");

        assertThat(source(moto).current().version()).isEqualTo("parameter-version-2");
    }

    @Test
    void current_invalidDocument_failsClosed_sayingWhere() {
        aws.putParameter(name, "{\"rules\": [{\"name\": \"r\", \"minHours\": 900, \"maxHours\": 10}]}");

        assertThatThrownBy(() -> source(moto).current()).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(name).hasMessageContaining("rules[0]")
                .hasMessageContaining("minHours 900 is greater than maxHours 10");
    }

    @Test
    void current_missingParameter_failsClosed() {
        assertThatThrownBy(() -> source(moto).current()).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(name + " does not exist");
    }

    @Test
    void current_ssmUnreachable_keepsTheLastPolicy_orSaysItCannotRead() {
        aws.putParameter(name, DOC);
        ParameterStore down = at(URI.create("http://127.0.0.1:9"));
        assertThatThrownBy(source(down)::current).isInstanceOf(PolicySourceException.class)
                .hasMessageContaining("could not read policy parameter " + name);

        Switch ssm = new Switch(moto);
        SsmPolicySource source = source(ssm);
        source.current();
        ssm.target = down;
        now = now.plusSeconds(120);
        assertThat(source.current().version()).as("the last policy read").isEqualTo("v1");
        now = now.plus(Duration.ofMinutes(27)); // 29 minutes after the read
        assertThat(source.current().version()).as("still within the 30 minutes it may stand in").isEqualTo("v1");
        now = now.plus(Duration.ofMinutes(1));
        assertThatThrownBy(source::current).isInstanceOfSatisfying(PolicySourceException.class,
                e -> assertThat(e.kind()).isEqualTo(PolicySourceException.Kind.STALE))
                .hasMessageContaining("may stand in for 30 minutes only");
        ssm.target = moto;
        aws.putParameter(name, DOC.replace("v1", "v3"));
        assertThat(source.current().version()).as("read again once reachable").isEqualTo("v3");
    }

    @Test
    void current_aDenial_failsClosedAtOnce_evenWithAPolicyReadBefore() throws IOException {
        String document = "{\"Parameter\":{\"Name\":\"p\",\"Value\":" + com.fasterxml.jackson.databind.json.JsonMapper
                .builder().build().writeValueAsString(DOC) + ",\"Version\":1}}";
        try (Ssm ssm = new Ssm(200, document, 400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User: "
                + "arn:aws:sts::123456789012:assumed-role/enforcer/x is not authorized to perform: kms:Decrypt\"}")) {
            SsmPolicySource source = source(at(ssm.endpoint()));
            assertThat(source.current().version()).isEqualTo("v1");
            now = now.plusSeconds(61);

            assertThatThrownBy(source::current).isInstanceOfSatisfying(PolicySourceException.class,
                    e -> assertThat(e.kind()).isEqualTo(PolicySourceException.Kind.DENIED))
                    .hasMessageContaining("was denied (AccessDeniedException)").hasMessageContaining("kms:Decrypt");
            assertThat(ssm.requests).as("a denial is not retried").hasSize(2);
        }
    }

    @Test
    void getParameter_isASignedSsmRequest_andThrottlingIsRetried() throws IOException {
        try (Ssm ssm = new Ssm(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}",
                200, "{\"Parameter\":{\"Name\":\"p\",\"Value\":\"{}\",\"Version\":7}}")) {
            ParameterStore.Parameter parameter = at(ssm.endpoint()).getParameter("/p");

            assertThat(parameter).isEqualTo(new ParameterStore.Parameter("{}", 7));
            assertThat(ssm.requests).hasSize(2).allSatisfy(r -> {
                assertThat(r).contains("x-amz-target: AmazonSSM.GetParameter")
                        .contains("content-type: application/x-amz-json-1.1")
                        .containsPattern("authorization: AWS4-HMAC-SHA256 Credential=AKIALOCAL/\\d{8}/us-east-1/ssm/aws4_request")
                        .contains("{\"Name\":\"/p\",\"WithDecryption\":true}");
            });
        }
    }

    @Test
    void getParameter_refused_isNotRetried_andTheSourceSaysItCannotRead() throws IOException {
        try (Ssm ssm = new Ssm(400, "{\"__type\":\"com.amazonaws.ssm#AccessDeniedException\",\"message\":\"no\"}")) {
            assertThatThrownBy(source(at(ssm.endpoint()))::current).isInstanceOfSatisfying(PolicySourceException.class,
                    e -> assertThat(e.kind()).isEqualTo(PolicySourceException.Kind.DENIED))
                    .hasMessageContaining("reading policy parameter " + name + " was denied").hasMessageContaining("no");
            assertThat(ssm.requests).hasSize(1);
        }
    }

    @Test
    void getParameter_serverErrors_areRetriedThreeTimesInAll() throws IOException {
        String failure = "{\"__type\":\"InternalServerError\",\"message\":\"oops\"}";
        try (Ssm ssm = new Ssm(500, failure, 500, failure, 500, failure, 500, failure)) {
            assertThatThrownBy(source(at(ssm.endpoint()))::current).isInstanceOf(PolicySourceException.class);
            assertThat(ssm.requests).as("the standard strategy's 3 attempts").hasSize(3);
        }
    }

    /** Routes real calls to one reader or another, to take SSM away mid-test. */
    private static final class Switch implements ParameterStore {
        volatile ParameterStore target;

        Switch(ParameterStore target) {
            this.target = target;
        }

        @Override
        public Parameter getParameter(String parameter) {
            return target.getParameter(parameter);
        }
    }

    /** SSM answering each request with the next scripted status and body; it records what it got. */
    private static final class Ssm implements AutoCloseable {
        final List<String> requests = new ArrayList<>();
        private final HttpServer server;

        Ssm(Object... answers) throws IOException {
            Deque<Object> script = new ArrayDeque<>(List.of(answers));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                StringBuilder seen = new StringBuilder();
                exchange.getRequestHeaders().forEach((k, v) -> seen.append(k.toLowerCase()).append(": ")
                        .append(String.join(",", v)).append('\n'));
                seen.append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                int status;
                byte[] body;
                synchronized (requests) {
                    requests.add(seen.toString());
                    status = (Integer) script.removeFirst();
                    body = ((String) script.removeFirst()).getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
