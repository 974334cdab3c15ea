package kvspoolguard.local.chime.internal;

/**
 * Where a pool lives and a request acts: the account its access key belongs to and the region it
 * was signed for. Pools of one account and region are invisible from any other, as in AWS.
 */
public record AccountRegion(String accountId, String region) {
}
