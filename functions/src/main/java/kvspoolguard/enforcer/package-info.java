/**
 * RetentionEnforcerFunction: the events it is invoked with (the schedule, aws.chime pool state
 * changes, CloudTrail's records of pool API calls, requested runs), parsed and refused here
 * ({@code EnforcerEvent}, {@code PoolApiCalls}), and its handler, which hands each to a use case.
 */
package kvspoolguard.enforcer;
