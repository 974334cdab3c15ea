package kvspoolguard.local.chime.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import kvspoolguard.local.chime.model.ErrorType;

/**
 * The opaque NextToken of an API's List: the name a page ended at, behind a prefix of the API's
 * own, so that a token of another API or a made-up one is refused with the API's error.
 */
final class PageTokens {

    private final String prefix;
    private final ErrorType invalid;

    PageTokens(String prefix, ErrorType invalid) {
        this.prefix = prefix;
        this.invalid = invalid;
    }

    String encode(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + lastName).getBytes(StandardCharsets.UTF_8));
    }

    /** The name the page ended at; null for no token. */
    String decode(String token) {
        if (token == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(prefix)) {
                return decoded.substring(prefix.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as any other foreign token
        }
        throw ApiException.of(invalid, "The NextToken is invalid.");
    }
}
