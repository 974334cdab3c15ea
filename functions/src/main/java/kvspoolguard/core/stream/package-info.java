/**
 * Streams: the Kinesis video streams a KVS pool owns, where its recorded audio is
 * ({@link kvspoolguard.core.stream.Stream}); which of a pool's streams hold another retention than
 * the pool should have ({@link kvspoolguard.core.stream.PoolStreams}); and the port to the service
 * that holds them ({@link kvspoolguard.core.stream.StreamDirectory}). Depends on the pools only.
 */
package kvspoolguard.core.stream;
