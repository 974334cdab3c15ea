package kvspoolguard.local.chime.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kvspoolguard.local.chime.model.RoleArns;
import kvspoolguard.local.chime.model.RoleTrust;

/**
 * Who signed a request, and the sessions STS issued. An access key of 12 digits is that account
 * (the convention of other AWS emulators), a key {@link #assume} issued is its role's account
 * until it expires, and any other key is the emulator's own account. Roles trust every caller
 * unless a {@link RoleTrust} says otherwise.
 */
public final class Identities {

    /** The principal behind an access key. */
    public record Caller(String accountId, String arn, String userId) {
    }

    /** What AssumeRole hands out. */
    public record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                          Caller caller) {
    }

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Clock clock;
    private final String ownAccount;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, RoleTrust> trusts = new HashMap<>();

    public Identities(Clock clock, String ownAccount) {
        this.clock = clock;
        this.ownAccount = ownAccount;
    }

    /** The caller an access key (and the session token sent with it) stands for. */
    public synchronized Caller identify(String accessKeyId, String sessionToken) {
        Session session = sessions.get(accessKeyId);
        if (session != null) {
            if (!session.sessionToken().equals(sessionToken)) {
                throw ApiException.unmodelled(403, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
            }
            if (!clock.instant().isBefore(session.expiration())) {
                throw ApiException.unmodelled(403, "ExpiredTokenException",
                        "The security token included in the request is expired");
            }
            return session.caller();
        }
        String account = accessKeyId.matches("\\d{12}") ? accessKeyId : ownAccount;
        return new Caller(account, "arn:aws:iam::" + account + ":root", account);
    }

    /** A session in {@code roleArn}'s account, or AccessDenied as the role's trust decides. */
    public synchronized Session assume(Caller caller, String roleArn, String sessionName, String externalId,
                                       Duration duration) {
        RoleTrust trust = trusts.get(roleArn);
        if (trust != null && (trust.refused()
                || (trust.externalId() != null && !trust.externalId().equals(externalId)))) {
            throw ApiException.unmodelled(403, "AccessDenied", "User: " + caller.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiration()));
        String account = RoleArns.account(roleArn);
        String roleName = RoleArns.name(roleArn);
        Caller assumed = new Caller(account,
                "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName,
                "AROA" + Integer.toHexString(roleArn.hashCode()).toUpperCase() + ":" + sessionName);
        Session session = new Session("ASIA" + randomKey(16), randomText(30), randomText(96),
                now.plus(duration).truncatedTo(ChronoUnit.SECONDS), assumed);
        sessions.put(session.accessKeyId(), session);
        return session;
    }

    public synchronized void trust(List<RoleTrust> replacement) {
        trusts.clear();
        replacement.forEach(t -> trusts.put(t.roleArn(), Objects.requireNonNull(t)));
    }

    public synchronized List<RoleTrust> trusts() {
        return List.copyOf(trusts.values());
    }

    /** Forgets every session and trust. */
    public synchronized void clear() {
        sessions.clear();
        trusts.clear();
    }

    private String randomKey(int length) {
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
