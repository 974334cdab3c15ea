/**
 * The core's ports over AWS: the Chime pool directory (per account and region, paced), the state
 * table, runs, calls and history in DynamoDB, the event bus, the shard queue, the policy in SSM,
 * the organisation's accounts, and SnapStart's priming of their requests. Each adapter turns the
 * SDK's answers and failures into the core's values and exceptions; JSON on the wire and in the
 * table is written and read here.
 */
package kvspoolguard.aws;
