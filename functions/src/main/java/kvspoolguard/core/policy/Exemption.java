package kvspoolguard.core.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;

/**
 * An exemption the policy's authors listed: the pools it covers ({@code pools}: a pool's ARN, an
 * ARN pattern with {@code *} and {@code ?}, or an AWS account id for all of its pools), why, and
 * until when (exclusive). Past {@code until}, the pools it covered are judged again. Unlike the
 * exemption tag, a listed exemption takes a pool past the document's limits: only the document's
 * authors can write one.
 */
public record Exemption(String pools, String reason, Instant until) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String POOL_ARN = ":media-pipeline-kinesis-video-stream-pool/";

    public Exemption {
        boolean poolArns = pools != null && pools.startsWith("arn:") && pools.contains(POOL_ARN);
        if (pools == null || !(ACCOUNT.matcher(pools).matches() || poolArns)) {
            throw new InvalidPolicyException("pools must be a pool's ARN, an ARN pattern of pools "
                    + "(arn:aws:chime:*:123456789012:media-pipeline-kinesis-video-stream-pool/legal-*) or a 12-digit "
                    + "account id, got '" + pools + "'");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidPolicyException("reason must say why the pools are exempt");
        }
        Objects.requireNonNull(until, "until");
    }

    /**
     * When {@code text} ends an exemption: an instant ({@code 2027-03-31T12:00:00Z}), or a date, which
     * exempts through that whole day, UTC ({@code 2027-03-31}: until 2027-04-01T00:00:00Z).
     */
    public static Instant until(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidPolicyException("until must be a date (2027-03-31, through that day, UTC) or an "
                    + "instant (2027-03-31T12:00:00Z), got '" + text + "'", e);
        }
    }

    /** True when the exemption covers the pool, whether or not it has ended. */
    public boolean covers(Pool pool) {
        if (ACCOUNT.matcher(pools).matches()) {
            return pools.equals(PoolRef.fromArn(pool.arn()).account());
        }
        return Globs.matches(pools, pool.arn());
    }

    /** True when the exemption still holds at {@code at}. */
    public boolean holdsAt(Instant at) {
        return at.isBefore(until);
    }
}
