package kvspoolguard.core.pool;

import java.util.List;

/**
 * The accounts of the AWS Organization, as Organizations lists them: the governed accounts when a
 * stack governs the whole organisation or some of its organisational units, and where an account is,
 * for the policy's rules on organisational units.
 */
public interface AccountDirectory {

    /**
     * The ACTIVE accounts of the organisation ({@code units} empty), or of the given organisational
     * units and every unit below them.
     *
     * @throws AccountDirectoryException when Organizations refuses or cannot be reached (after retries)
     */
    List<String> activeAccounts(List<String> units);

    /**
     * The organisational units {@code account} is in: its parent first, then each unit above it up to
     * the root (not included). Empty for an account directly under the root.
     *
     * @throws AccountDirectoryException when Organizations refuses or cannot be reached (after retries)
     */
    List<String> unitsAbove(String account);

    /** No organisation to read: a fleet given no account directory says so when a rule needs it. */
    AccountDirectory NONE = new AccountDirectory() {
        @Override
        public List<String> activeAccounts(List<String> units) {
            throw none();
        }

        @Override
        public List<String> unitsAbove(String account) {
            throw none();
        }

        private static AccountDirectoryException none() {
            return new AccountDirectoryException("no organisation is read here", null);
        }
    };
}
