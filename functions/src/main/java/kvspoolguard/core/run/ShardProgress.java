package kvspoolguard.core.run;

/**
 * Where a shard stands in a run: the step it waits for, the page that step starts from, and
 * whether the shard ended (swept to its last page, or failed). A step whose number is below
 * {@code step} was taken already: its message was delivered again.
 */
public record ShardProgress(int step, String pageToken, boolean ended) {

    /** A shard no step has been recorded for. */
    public static final ShardProgress START = new ShardProgress(0, null, false);
}
