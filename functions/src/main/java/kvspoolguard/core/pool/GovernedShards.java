package kvspoolguard.core.pool;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shards a stack governs: every governed account in every governed region. The home account
 * (the stack's own) and home region (the stack's, where a pool named without an ARN is looked up)
 * come first.
 */
public record GovernedShards(List<String> accounts, List<String> regions) {

    public GovernedShards {
        if (accounts.isEmpty() || regions.isEmpty()) {
            throw new IllegalArgumentException("at least one account and one region are governed");
        }
        Set<String> distinct = new LinkedHashSet<>(accounts);
        if (distinct.size() != accounts.size()) {
            throw new IllegalArgumentException("an account is listed twice: " + accounts);
        }
        for (String account : accounts) {
            new Shard(account, regions.getFirst()); // each a 12-digit id
        }
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
    }

    /** The stack's own account and region. */
    public Shard home() {
        return new Shard(accounts.getFirst(), regions.getFirst());
    }

    public boolean governs(Shard shard) {
        return accounts.contains(shard.account()) && regions.contains(shard.region());
    }

    /** Every shard, account by account, each account's regions in order. */
    public List<Shard> all() {
        List<Shard> shards = new ArrayList<>();
        accounts.forEach(a -> regions.forEach(r -> shards.add(new Shard(a, r))));
        return shards;
    }
}
