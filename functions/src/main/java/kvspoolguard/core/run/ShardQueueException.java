package kvspoolguard.core.run;

/** Shard steps could not be queued (after the client's retries). */
public final class ShardQueueException extends RuntimeException {

    public ShardQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
