package kvspoolguard.core.state;

import java.util.List;

/**
 * A page of the pools' records, in the store's own order: {@code unreadable}, the pools whose
 * records were read but do not decode (set aside, not lost); {@code next}, the pool to go on after
 * (the last one read), null when every record was read.
 */
public record RecordPage(List<Observation> records, List<String> unreadable, String next) {

    public RecordPage {
        records = List.copyOf(records);
        unreadable = List.copyOf(unreadable);
    }
}
