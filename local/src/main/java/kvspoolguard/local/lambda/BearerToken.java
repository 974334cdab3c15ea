package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JWT of an {@code Authorization: Bearer} header, as the local gateway reads it: its claims and
 * its scopes ({@code scope}, space-separated as Cognito and most issuers write it, or an {@code scp}
 * array). Locally no signature is checked, since no issuer is there to check it against: the local
 * gateway exercises the authoriser's decisions (a token, and one of the route's scopes), not its
 * cryptography.
 */
record BearerToken(Map<String, String> claims, List<String> scopes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    BearerToken {
        claims = Map.copyOf(claims);
        scopes = List.copyOf(scopes);
    }

    /** The token of an Authorization header; empty when there is none, or it is not a JWT. */
    static Optional<BearerToken> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
        if (!payload.isObject()) {
            return Optional.empty();
        }
        Map<String, String> claims = new LinkedHashMap<>();
        payload.properties().forEach(c -> claims.put(c.getKey(), c.getValue().isValueNode() ? c.getValue().asText()
                : c.getValue().toString()));
        List<String> scopes = new ArrayList<>();
        if (payload.path("scope").isTextual()) {
            for (String scope : payload.path("scope").asText().split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        payload.path("scp").forEach(scope -> scopes.add(scope.asText()));
        return Optional.of(new BearerToken(claims, scopes));
    }

    /** Whether the token may call a route that asks for one of {@code required} (none: any token may). */
    boolean grants(List<String> required) {
        return required.isEmpty() || required.stream().anyMatch(scopes::contains);
    }
}
