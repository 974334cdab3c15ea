/**
 * The events for the bus, typed: one record per detail-type ({@link kvspoolguard.core.events.EventDetail}
 * and its family, each with the rule for its deterministic id), the envelope
 * ({@link kvspoolguard.core.events.GuardEvent}), the shapes they share (the pool, the trigger, the
 * {@link kvspoolguard.core.events.Actor} who made a change, the API's
 * {@link kvspoolguard.core.events.Caller}), and the port that publishes them
 * ({@link kvspoolguard.core.events.EventPublisher}). Nothing here is JSON: the adapters write the
 * wire form. Which events a run reports, and when, is the {@code run} package's.
 */
package kvspoolguard.core.events;
