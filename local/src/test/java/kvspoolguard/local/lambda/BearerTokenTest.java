package kvspoolguard.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    static String token(String claimsJson) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void aTokensScopes_comeFromScopeOrScp() {
        BearerToken spaced = BearerToken.of(token("{\"sub\":\"alice\",\"scope\":\"a/read  a/write\"}")).orElseThrow();
        BearerToken listed = BearerToken.of(token("{\"sub\":\"bob\",\"scp\":[\"a/read\"]}")).orElseThrow();

        assertThat(spaced.scopes()).containsExactly("a/read", "a/write");
        assertThat(spaced.claims()).containsEntry("sub", "alice");
        assertThat(listed.scopes()).containsExactly("a/read");
    }

    @Test
    void aRoute_isGrantedByAnyOfItsScopes_andARouteWithoutScopesByAnyToken() {
        BearerToken reader = BearerToken.of(token("{\"scope\":\"a/read\"}")).orElseThrow();

        assertThat(reader.grants(List.of("a/read", "a/write"))).isTrue();
        assertThat(reader.grants(List.of("a/write"))).isFalse();
        assertThat(reader.grants(List.of())).isTrue();
    }

    @Test
    void whatIsNotABearerJwt_isNoToken() {
        assertThat(BearerToken.of(null)).isEmpty();
        assertThat(BearerToken.of("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(BearerToken.of("Bearer not-a-jwt")).isEmpty();
        assertThat(BearerToken.of("Bearer a.!!!.c")).isEmpty();
        assertThat(BearerToken.of(token("[1,2]"))).isEmpty();
    }
}
