package kvspoolguard.local.chime.model;

import java.util.Objects;

/**
 * When to inject a {@link Fault}: on one operation (or every one when {@code operation} is null),
 * in one region (or every one when {@code region} is null), with a probability, for a number of
 * matching requests ({@code times < 0}: no limit).
 */
public record FaultRule(Operation operation, Fault fault, double probability, int times, String region) {

    public static final int UNLIMITED = -1;

    /** A rule of every region. */
    public FaultRule(Operation operation, Fault fault, double probability, int times) {
        this(operation, fault, probability, times, null);
    }

    public FaultRule {
        Objects.requireNonNull(fault, "fault");
        if (operation != null && !operation.faultable()) {
            throw new IllegalArgumentException("faults apply to the pool and stream operations only, not "
                    + operation.modelName());
        }
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
        }
        if (times == 0 || times < UNLIMITED) {
            throw new IllegalArgumentException("times must be positive or UNLIMITED, got " + times);
        }
    }

    /** Every request of {@code operation} (null: of every operation) gets the fault. */
    public static FaultRule always(Operation operation, Fault fault) {
        return new FaultRule(operation, fault, 1.0, UNLIMITED);
    }

    /** The next {@code times} requests of {@code operation} get the fault, then it is spent. */
    public static FaultRule times(Operation operation, Fault fault, int times) {
        return new FaultRule(operation, fault, 1.0, times);
    }

    /** Each request of {@code operation} gets the fault with this probability. */
    public static FaultRule sometimes(Operation operation, Fault fault, double probability) {
        return new FaultRule(operation, fault, probability, UNLIMITED);
    }

    /** The same rule, for the requests of {@code onlyRegion} alone. */
    public FaultRule inRegion(String onlyRegion) {
        return new FaultRule(operation, fault, probability, times, onlyRegion);
    }

    public boolean appliesTo(Operation candidate, String candidateRegion) {
        return (operation == null || operation == candidate) && (region == null || region.equals(candidateRegion));
    }
}
