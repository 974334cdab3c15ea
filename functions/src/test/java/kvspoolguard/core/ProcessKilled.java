package kvspoolguard.core;

/** Stands for the process dying (killed, timed out): nothing after it runs, nothing catches it. */
final class ProcessKilled extends Error {
    ProcessKilled(String where) {
        super("process killed " + where);
    }
}
