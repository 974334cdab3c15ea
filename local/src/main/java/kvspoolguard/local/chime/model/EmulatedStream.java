package kvspoolguard.local.chime.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis video stream as the emulator holds it: what {@link kvspoolguard.local.chime.ChimePoolEmulator#streams()}
 * reads back and what a change behind the API's back returns. A pool's streams are named after its
 * PoolId ({@code ChimeMediaPipelines-<PoolName>-<uuid>-<n>}) and live in its stream region, in its
 * account.
 */
public record EmulatedStream(
        String name,
        String accountId,
        String region,
        String arn,
        int dataRetentionInHours,
        String version,
        String status,
        String mediaType,
        String kmsKeyId,
        Instant createdTimestamp,
        Map<String, String> tags) {

    /** The PoolId a media pipeline pool's stream is named after, and the stream's number within it. */
    private static final Pattern POOL_STREAM = Pattern.compile(
            "^(ChimeMediaPipelines-.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[0-9]+$");

    public EmulatedStream {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The PoolId of the pool that made this stream; empty for a stream of another naming. */
    public Optional<String> poolId() {
        Matcher m = POOL_STREAM.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The same stream with another retention (a change behind the API's back gets a new version). */
    public EmulatedStream withRetention(int hours) {
        return new EmulatedStream(name, accountId, region, arn, hours, version, status, mediaType, kmsKeyId,
                createdTimestamp, tags);
    }
}
