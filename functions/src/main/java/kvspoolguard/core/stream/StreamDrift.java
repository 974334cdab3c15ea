package kvspoolguard.core.stream;

/** A stream that holds another retention than its pool should have: {@code toHours}. */
public record StreamDrift(Stream stream, int toHours) {

    public int fromHours() {
        return stream.retentionHours();
    }

    public boolean decreases() {
        return toHours < stream.retentionHours();
    }
}
