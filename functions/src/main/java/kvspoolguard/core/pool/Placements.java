package kvspoolguard.core.pool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The places of the accounts one run judges pools of, each read from the account directory the
 * first time a rule on units asks for it and kept for the rest of the run. A failed read is kept
 * too: a run asks Organizations once per account, and every pool of that account is judged alike.
 */
public final class Placements {

    private final AccountDirectory accounts;
    private final Map<String, Placement> read = new ConcurrentHashMap<>();

    public Placements(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** The account's place; unknown, with the reason, when Organizations could not tell. */
    public Placement of(String account) {
        return read.computeIfAbsent(account, this::read);
    }

    /** The place of the pool's account. */
    public Placement of(Pool pool) {
        return of(PoolRef.fromArn(pool.arn()).account());
    }

    private Placement read(String account) {
        try {
            return Placement.known(account, accounts.unitsAbove(account));
        } catch (AccountDirectoryException e) {
            return Placement.unknown(account, e.getMessage());
        }
    }
}
