package kvspoolguard.core.pool;

import java.util.List;
import java.util.Objects;

/**
 * An account's place in the organisation: the organisational units it is in, its own parent first,
 * then each unit above it (the root not included). {@code unknownBecause} (null when known) says
 * why Organizations could not tell; then {@code units} is empty and no rule on units can be decided.
 */
public record Placement(String account, List<String> units, String unknownBecause) {

    public Placement {
        Objects.requireNonNull(account, "account");
        units = List.copyOf(units);
    }

    public static Placement known(String account, List<String> units) {
        return new Placement(account, units, null);
    }

    public static Placement unknown(String account, String because) {
        return new Placement(account, List.of(), Objects.requireNonNull(because, "because"));
    }

    public boolean known() {
        return unknownBecause == null;
    }

    /** True when the account is in one of {@code these} units or in a unit below one of them. */
    public boolean within(List<String> these) {
        return units.stream().anyMatch(these::contains);
    }
}
