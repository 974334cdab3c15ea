package kvspoolguard.local.chime.model;

import java.util.Map;

/** How many requests one operation received, in all and by the HTTP status they were answered with. */
public record OperationCount(long calls, Map<Integer, Long> byStatus) {

    public OperationCount {
        byStatus = Map.copyOf(byStatus);
    }

    public long withStatus(int status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
