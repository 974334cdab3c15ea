package kvspoolguard.core.pool;

/** Which shards a listing walks: those of one account, of one region, of both, or all ({@code null}: any). */
public record ShardFilter(String account, String region) {

    public static final ShardFilter ALL = new ShardFilter(null, null);

    public boolean accepts(Shard shard) {
        return (account == null || account.equals(shard.account()))
                && (region == null || region.equals(shard.region()));
    }
}
