package kvspoolguard.local.chime.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the emulator received it, and how it was answered. {@code operation} is null
 * for a request that matched no route of the API; {@code region} and {@code accountId} (the account
 * its access key belongs to) are null for one whose signature could not be read.
 */
public record RecordedRequest(
        long sequence,
        Instant receivedAt,
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        Operation operation,
        String region,
        String accountId,
        int status) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** First value of a header, case-insensitive, or null. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? "" : e.getValue().getFirst())
                .findFirst()
                .orElse(null);
    }
}
