package kvspoolguard.core.stream;

import java.util.List;
import kvspoolguard.core.pool.Shard;

/**
 * The Kinesis video streams of the governed shards, as the Kinesis Video Streams API holds them.
 * Methods throw {@link StreamDirectoryException} for service failures (after the client's own retries).
 */
public interface StreamDirectory {

    /** No streams anywhere: for a stack or a test that does not govern them. */
    StreamDirectory NONE = new StreamDirectory() {
        @Override
        public StreamPage page(Shard where, String prefix, String token) {
            return new StreamPage(List.of(), null);
        }

        @Override
        public Stream describe(Stream stream) {
            throw new StreamDirectoryException(StreamDirectoryException.Kind.NOT_FOUND, "no streams", null);
        }

        @Override
        public void changeRetention(Stream stream, int hours) {
            throw new StreamDirectoryException(StreamDirectoryException.Kind.NOT_FOUND, "no streams", null);
        }
    };

    /** One page of the streams of {@code where} whose names begin with {@code prefix}, after {@code token} (null: the first). */
    StreamPage page(Shard where, String prefix, String token);

    /** The stream as it is now. */
    Stream describe(Stream stream);

    /**
     * Gives the stream {@code hours} of retention: an increase or a decrease by the difference from
     * the retention it was read with, from the version it was read with. A decrease deletes the
     * older media at once.
     *
     * @throws StreamDirectoryException of kind VERSION_MISMATCH when it changed since it was read
     */
    void changeRetention(Stream stream, int hours);
}
