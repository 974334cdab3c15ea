package kvspoolguard.core.stream;

import java.util.List;

/** A page of streams; {@code next} is the token of the next page, null after the last. */
public record StreamPage(List<Stream> streams, String next) {

    public StreamPage {
        streams = List.copyOf(streams);
    }
}
