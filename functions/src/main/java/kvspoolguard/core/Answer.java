package kvspoolguard.core;

import kvspoolguard.core.run.Problem;

/** What a read of the API's use cases came to: its value, or the problem that stopped it. */
public sealed interface Answer<T> {

    record Done<T>(T value) implements Answer<T> {
    }

    record Refused<T>(Problem problem) implements Answer<T> {
    }
}
