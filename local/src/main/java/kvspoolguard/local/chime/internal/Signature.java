package kvspoolguard.local.chime.internal;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 checks the emulator makes: a request must carry an {@code Authorization} header in
 * SigV4 form, scoped to the {@code chime}, {@code kinesisvideo} or {@code sts} signing name. Its access key names the
 * caller ({@link Identities}) and its region the pool partition the call acts on. The signature
 * itself is not verified (no secret keys exist locally).
 */
public final class Signature {

    /** What the credential scope of a request says. */
    public record Signed(String accessKeyId, String region, String signingName) {
        public boolean sts() {
            return STS.equals(signingName);
        }

        /** True for a request to Kinesis Video Streams (the stream operations). */
        public boolean kinesisVideo() {
            return KINESIS_VIDEO.equals(signingName);
        }
    }

    private static final Pattern SIGV4 = Pattern.compile(
            "^AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
                    + "\\s*SignedHeaders=[^,\\s]+\\s*,\\s*Signature=[0-9a-fA-F]+\\s*$");
    private static final String CHIME = "chime";
    private static final String STS = "sts";
    private static final String KINESIS_VIDEO = "kinesisvideo";
    private static final Set<String> SIGNING_NAMES = Set.of(CHIME, STS, KINESIS_VIDEO);

    private Signature() {
    }

    /** The request's credential scope; throws the error AWS answers when it cannot be read. */
    public static Signed read(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unmodelled(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = SIGV4.matcher(authorization);
        if (!m.matches()) {
            throw ApiException.unmodelled(403, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters"
                            + " in AWS4-HMAC-SHA256 form.");
        }
        if (!SIGNING_NAMES.contains(m.group(4))) {
            throw ApiException.unmodelled(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + CHIME + "'.");
        }
        return new Signed(m.group(1), m.group(3), m.group(4));
    }
}
