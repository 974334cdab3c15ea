package kvspoolguard.local.chime.model;

/** KinesisVideoStreamPoolStatus of the service model. */
public enum PoolStatus {
    CREATING, ACTIVE, UPDATING, DELETING, FAILED
}
