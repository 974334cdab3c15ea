package kvspoolguard.local.chime.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 checks the emulator makes: a request must carry an {@code Authorization} header in
 * SigV4 form, scoped to the {@code chime} signing name; its region names the pool partition the
 * call acts on. The signature itself is not verified (no credentials exist locally).
 */
public final class Signature {

    private static final Pattern SIGV4 = Pattern.compile(
            "^AWS4-HMAC-SHA256\\s+Credential=[^/,\\s]+/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
                    + "\\s*SignedHeaders=[^,\\s]+\\s*,\\s*Signature=[0-9a-fA-F]+\\s*$");
    private static final String SIGNING_NAME = "chime";

    private Signature() {
    }

    /** The region the request was signed for; throws the error AWS answers when it cannot be read. */
    public static String region(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unmodelled(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = SIGV4.matcher(authorization);
        if (!m.matches()) {
            throw ApiException.unmodelled(403, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters"
                            + " in AWS4-HMAC-SHA256 form.");
        }
        if (!SIGNING_NAME.equals(m.group(3))) {
            throw ApiException.unmodelled(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + SIGNING_NAME + "'.");
        }
        return m.group(2);
    }
}
