package kvspoolguard.local.chime.model;

import java.time.Instant;

/**
 * One change the emulator made to a pool's status or retention, and what made it: {@code API} (a
 * Create, Update or Delete request), {@code TRANSITION} (a lifecycle step ending: UPDATING to
 * ACTIVE, ...), {@code SEED} (a pool added or replaced from outside the API). A pool removed has a
 * null status. {@code at} is when the change took effect.
 */
public record PoolChange(long sequence, Instant at, String arn, PoolStatus status, Integer retentionHours,
                         Cause cause) {

    public enum Cause { API, TRANSITION, SEED }
}
