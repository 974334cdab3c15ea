package kvspoolguard.core.pool;

import java.util.Objects;

/**
 * One account's pools in one region: the unit the Chime API serves (its quotas are per account and
 * region), and so the unit of governance that a run fans out over.
 */
public record Shard(String account, String region) implements Comparable<Shard> {

    public Shard {
        if (account == null || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits, got '" + account + "'");
        }
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("a shard needs a region");
        }
    }

    @Override
    public int compareTo(Shard other) {
        int byAccount = account.compareTo(other.account);
        return byAccount != 0 ? byAccount : region.compareTo(other.region);
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
