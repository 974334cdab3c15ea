/**
 * What is known of each pool between runs: its last {@link kvspoolguard.core.state.Observation},
 * the {@link kvspoolguard.core.state.Transition} a new one makes (each reported once), and the
 * outbox of events written with the state they report, kept until the bus has them
 * ({@link kvspoolguard.core.state.OutboxEvent}, leased to their writer until its invocation ends).
 * {@link kvspoolguard.core.state.PoolStateTracker} holds the logic; the
 * {@link kvspoolguard.core.state.StateStore} port only reads and writes conditionally.
 */
package kvspoolguard.core.state;
