package kvspoolguard.core.state;

import java.util.Map;
import java.util.Set;

/**
 * Records that are there but do not decode (an attribute of another type, an event type this
 * version does not know): reading them again will not help, so each such pool is set aside and
 * reported, while the records read with them ({@code readable}) still serve their pools.
 */
public final class UnreadableRecordException extends StateStoreException {

    private final Set<String> arns;
    private final Map<String, StateStore.Versioned> readable;

    private UnreadableRecordException(Set<String> arns, Map<String, StateStore.Versioned> readable, String message,
                                      Throwable cause) {
        super(message, cause);
        this.arns = Set.copyOf(arns);
        this.readable = Map.copyOf(readable);
    }

    /** The record of {@code arn} does not decode, as {@code cause} says. */
    public static UnreadableRecordException of(String arn, String message, Throwable cause) {
        return new UnreadableRecordException(Set.of(arn), Map.of(), message, cause);
    }

    /**
     * Of the {@code asked} records of a page, those of {@code unreadable} do not decode (the first
     * one's message and cause stand for them) while {@code readable} did.
     */
    public static UnreadableRecordException ofPage(Map<String, UnreadableRecordException> unreadable,
                                                   Map<String, StateStore.Versioned> readable, int asked) {
        UnreadableRecordException first = unreadable.values().iterator().next();
        return new UnreadableRecordException(unreadable.keySet(), readable, unreadable.size() + " of " + asked
                + " records do not decode, first: " + first.getMessage(), first.getCause());
    }

    /** The pools whose records do not decode. */
    public Set<String> arns() {
        return arns;
    }

    /** The records read with them that did decode. */
    public Map<String, StateStore.Versioned> readable() {
        return readable;
    }
}
