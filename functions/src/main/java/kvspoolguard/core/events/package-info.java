/**
 * The events for the bus: a {@link kvspoolguard.core.events.GuardEvent} (type, deterministic id,
 * detail in the order docs/events.md gives), the types, and the port that publishes them
 * ({@link kvspoolguard.core.events.EventPublisher}). Which events a run reports, and when, is the
 * {@code run} package's ({@code EventCatalog}, {@code EventRelay}).
 */
package kvspoolguard.core.events;
