/**
 * ShardWorkerFunction: takes the shard steps the shard queue delivers, one use-case call each, and
 * answers which messages failed (SQS batch item failures), asking for a failed one back sooner than
 * the queue's timeout.
 */
package kvspoolguard.worker;
