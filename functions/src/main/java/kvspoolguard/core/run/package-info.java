/**
 * How one trigger is carried out. {@link kvspoolguard.core.run.Enforcer} reads, judges and acts on
 * each pool; {@link kvspoolguard.core.run.RetentionUpdate} is the one way a retention is changed
 * (intent, Update, result, report); {@link kvspoolguard.core.run.Recorder} records what was seen
 * and hands each pool's events to the {@link kvspoolguard.core.run.EventRelay} once the run is done
 * with it. Its events are the records of {@code events}, made from its outcomes ({@code
 * PoolOutcome}, {@code RunRecord}) and the state's transitions. What a run takes and gives (trigger, options, update cap, outcomes, report, result, problem, run record, shard
 * failure, and the shard step a worker is handed) is the part a handler may see.
 */
package kvspoolguard.core.run;
