package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.net.URI;
import java.util.UUID;
import kvspoolguard.core.Bounds;
import kvspoolguard.core.ExemptTag;
import kvspoolguard.core.InvalidPolicyException;
import kvspoolguard.core.PolicySourceException;
import kvspoolguard.core.RetentionPolicy;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;

/** The policy source against moto's SSM Parameter Store. */
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

    private SsmPolicySource source(SsmClient ssm) {
        return new SsmPolicySource(ssm, name, FALLBACK, Duration.ofSeconds(60), clock);
    }

    @Test
    void current_readsTheDocument_andKeepsItForTheTtl() {
        aws.putParameter(name, DOC);
        SsmPolicySource source = source(aws.ssmClient);

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

        assertThat(source(aws.ssmClient).current().version()).isEqualTo("parameter-version-2");
    }

    @Test
    void current_invalidDocument_failsClosed_sayingWhere() {
        aws.putParameter(name, "{\"rules\": [{\"name\": \"r\", \"minHours\": 900, \"maxHours\": 10}]}");

        assertThatThrownBy(() -> source(aws.ssmClient).current()).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(name).hasMessageContaining("rules[0]")
                .hasMessageContaining("minHours 900 is greater than maxHours 10");
    }

    @Test
    void current_missingParameter_failsClosed() {
        assertThatThrownBy(() -> source(aws.ssmClient).current()).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(name + " does not exist");
    }

    @Test
    void current_ssmUnreachable_keepsTheLastPolicy_orSaysItCannotRead() {
        aws.putParameter(name, DOC);
        try (SsmClient down = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build()) {
            assertThatThrownBy(source(down)::current).isInstanceOf(PolicySourceException.class)
                    .hasMessageContaining("could not read policy parameter " + name);

            Switch ssm = new Switch(aws.ssmClient);
            SsmPolicySource source = source(ssm);
            source.current();
            ssm.target = down;
            now = now.plusSeconds(120);
            assertThat(source.current().version()).as("the last policy read").isEqualTo("v1");
            ssm.target = aws.ssmClient;
            aws.putParameter(name, DOC.replace("v1", "v3"));
            assertThat(source.current().version()).as("read again once reachable").isEqualTo("v3");
        }
    }

    /** Routes real calls to one client or another, to take SSM away mid-test. */
    private static final class Switch implements SsmClient {
        volatile SsmClient target;

        Switch(SsmClient target) {
            this.target = target;
        }

        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            return target.getParameter(request);
        }

        @Override
        public String serviceName() {
            return SsmClient.SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
