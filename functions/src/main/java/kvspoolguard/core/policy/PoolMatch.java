package kvspoolguard.core.policy;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kvspoolguard.core.pool.Placements;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;

/**
 * Which pools a rule applies to. Every condition given must hold: the pool name matches the glob
 * ({@code *} any run of characters, {@code ?} one character), the pool carries every listed tag
 * ({@code "*"} as the value: any value), its stream region is one of those listed, its account
 * (the AWS account of its ARN) is one of those listed, and that account is in one of the listed
 * organisational units or in a unit below one of them. A match with no condition matches every pool.
 */
@RecordBuilder
public record PoolMatch(String nameGlob, Map<String, String> tags, List<String> streamRegions,
                        List<String> accounts, List<String> organizationalUnits) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** Organizations' own pattern of an organisational unit's id. */
    private static final Pattern UNIT = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

    public static final String ANY_VALUE = "*";

    public PoolMatch {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        streamRegions = streamRegions == null ? List.of() : List.copyOf(streamRegions);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        organizationalUnits = organizationalUnits == null ? List.of() : List.copyOf(organizationalUnits);
        if (nameGlob != null && nameGlob.isEmpty()) {
            throw new InvalidPolicyException("match.name must not be empty");
        }
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                throw new InvalidPolicyException("match.accounts: an account id is 12 digits, got '" + account + "'");
            }
        }
        for (String unit : organizationalUnits) {
            if (!UNIT.matcher(unit).matches()) {
                throw new InvalidPolicyException("match.organizationalUnits: an organizational unit id is "
                        + "ou- and two runs of letters and digits, like ou-ab12-34cd56ef, got '" + unit + "'");
            }
        }
    }

    /** Name, tags and stream regions; any account. */
    public PoolMatch(String nameGlob, Map<String, String> tags, List<String> streamRegions) {
        this(nameGlob, tags, streamRegions, List.of(), List.of());
    }

    /** A match by name: every condition not set holds for any pool. */
    public static PoolMatchBuilder builder() {
        return PoolMatchBuilder.builder();
    }

    public static PoolMatch any() {
        return new PoolMatch(null, Map.of(), List.of());
    }

    public static PoolMatch name(String glob) {
        return new PoolMatch(glob, Map.of(), List.of());
    }

    public boolean needsTags() {
        return !tags.isEmpty();
    }

    /** True when the match looks at where the pool's account is in the organisation. */
    public boolean needsPlacement() {
        return !organizationalUnits.isEmpty();
    }

    /**
     * True when every condition holds for the pool. Its account's place is asked of {@code places}
     * only when the match names units; the policy asks only where that place is known.
     */
    public boolean matches(Pool pool, Placements places) {
        return (nameGlob == null || Globs.matches(nameGlob, pool.name()))
                && tags.entrySet().stream().allMatch(t -> hasTag(pool, t.getKey(), t.getValue()))
                && (streamRegions.isEmpty() || streamRegions.contains(pool.streamRegion()))
                && (accounts.isEmpty() || accounts.contains(PoolRef.fromArn(pool.arn()).account()))
                && (organizationalUnits.isEmpty() || places.of(pool).within(organizationalUnits));
    }

    /**
     * True when the match may hold for a pool of which only the name, account and place are known:
     * its conditions on tags and stream regions are taken to hold, and a place that cannot be read too.
     */
    public boolean mayMatch(Pool pool, Placements places) {
        return (nameGlob == null || Globs.matches(nameGlob, pool.name()))
                && (accounts.isEmpty() || accounts.contains(PoolRef.fromArn(pool.arn()).account()))
                && (organizationalUnits.isEmpty() || !places.of(pool).known()
                || places.of(pool).within(organizationalUnits));
    }

    /** True when the match holds for such a pool whatever its tags and stream region: it names neither. */
    public boolean surelyMatches(Pool pool, Placements places) {
        return tags.isEmpty() && streamRegions.isEmpty() && mayMatch(pool, places)
                && (organizationalUnits.isEmpty() || places.of(pool).known());
    }

    private static boolean hasTag(Pool pool, String key, String value) {
        String actual = pool.tags().get(key);
        return actual != null && (ANY_VALUE.equals(value) || actual.equals(value));
    }
}
