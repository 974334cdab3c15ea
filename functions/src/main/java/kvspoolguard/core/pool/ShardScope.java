package kvspoolguard.core.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which shards a stack governs now. A listed set of accounts never changes; the accounts of an
 * organisation (or of some of its units) are asked of Organizations and kept for a while, so that
 * an account that joins is governed from the next look, and one that leaves or is suspended stops
 * being governed. The stack's own account is always governed.
 */
public final class ShardScope {

    private final String home;
    private final List<String> regions;
    private final AccountDirectory organization;
    private final List<String> units;
    private final Duration keepFor;
    private final Clock clock;
    private GovernedShards known;
    private Instant knownAt;

    private ShardScope(String home, List<String> regions, GovernedShards fixed, AccountDirectory organization,
                       List<String> units, Duration keepFor, Clock clock) {
        this.home = home;
        this.regions = List.copyOf(regions);
        this.known = fixed;
        this.organization = organization;
        this.units = List.copyOf(units);
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** The given shards, always. */
    public static ShardScope fixed(GovernedShards shards) {
        return new ShardScope(shards.accounts().getFirst(), shards.regions(), shards, null, List.of(), null, null);
    }

    /** The stack's own account and the ACTIVE accounts {@code members} lists, in {@code regions}. */
    public static ShardScope organization(String home, List<String> regions, MemberListing members) {
        return new ShardScope(home, regions, null, members.accounts(), members.units(), members.keepFor(),
                members.clock());
    }

    /** The stack's own account and region, where a pool named without an ARN is looked up. */
    public Shard home() {
        return new Shard(home, regions.getFirst());
    }

    public boolean isHome(String account) {
        return home.equals(account);
    }

    public List<String> regions() {
        return regions;
    }

    /** True when the shard's region is governed; its account may still not be ({@link #current}). */
    public boolean governsRegion(String region) {
        return regions.contains(region);
    }

    /**
     * The shards governed now.
     *
     * @throws AccountDirectoryException when the organisation's accounts are due to be listed again and
     *     cannot be, and none were listed before; a later failure keeps the accounts last listed
     */
    public synchronized GovernedShards current() {
        if (organization == null) {
            return known;
        }
        Instant now = clock.instant();
        if (known == null || !now.isBefore(knownAt.plus(keepFor))) {
            try {
                Set<String> accounts = new LinkedHashSet<>();
                accounts.add(home);
                accounts.addAll(organization.activeAccounts(units));
                known = new GovernedShards(new ArrayList<>(accounts), regions);
                knownAt = now;
            } catch (AccountDirectoryException e) {
                if (known == null) {
                    throw e;
                }
                // Organizations is down: govern what was governed, and ask again next time
            }
        }
        return known;
    }
}
