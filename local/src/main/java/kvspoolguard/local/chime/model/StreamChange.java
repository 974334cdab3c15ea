package kvspoolguard.local.chime.model;

import java.time.Instant;

/**
 * One change of a stream's retention or existence, in the order the emulator made them:
 * {@code API} by an UpdateDataRetention, CreateStream or DeleteStream call, {@code PROPAGATION} by
 * a pool's Update reaching the stream (or its Create making it), {@code OUTSIDE} behind the API's
 * back. A deleted stream's last change has status {@code DELETED}.
 */
public record StreamChange(long sequence, Instant at, String streamArn, String status, int dataRetentionInHours,
                           String version, Cause cause) {

    public enum Cause { API, PROPAGATION, OUTSIDE }
}
