/**
 * A pool's history: every event the guard emits about a pool, kept (for HistoryRetentionDays) so
 * that what happened to a pool can be read back later, newest first, after the bus has delivered
 * and forgotten it.
 */
package kvspoolguard.core.history;
