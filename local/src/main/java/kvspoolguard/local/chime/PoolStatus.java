package kvspoolguard.local.chime;

/** KinesisVideoStreamPoolStatus of the service model. */
public enum PoolStatus {
    CREATING, ACTIVE, UPDATING, DELETING, FAILED
}
