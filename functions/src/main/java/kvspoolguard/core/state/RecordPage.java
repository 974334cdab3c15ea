package kvspoolguard.core.state;

import java.util.List;

/**
 * A page of the pools' records, in the store's own order: {@code next} is the pool to go on after
 * (the last one read), null when every record was read.
 */
public record RecordPage(List<Observation> records, String next) {

    public RecordPage {
        records = List.copyOf(records);
    }
}
