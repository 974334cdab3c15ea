package kvspoolguard.core.pool;

import java.util.List;

/**
 * The accounts of the AWS Organization, as Organizations lists them: the governed accounts when a
 * stack governs the whole organisation or some of its organisational units.
 */
public interface AccountDirectory {

    /**
     * The ACTIVE accounts of the organisation ({@code units} empty), or of the given organisational
     * units and every unit below them.
     *
     * @throws AccountDirectoryException when Organizations refuses or cannot be reached (after retries)
     */
    List<String> activeAccounts(List<String> units);
}
