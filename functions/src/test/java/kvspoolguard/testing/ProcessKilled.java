package kvspoolguard.testing;

/** Stands for the process dying (killed, timed out): nothing after it runs, nothing catches it. */
public final class ProcessKilled extends Error {
    public ProcessKilled(String where) {
        super("process killed " + where);
    }
}
