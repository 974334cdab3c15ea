package kvspoolguard.core.events;

/** The run an event is part of, and what triggered it. */
public record Origin(String runId, TriggeredBy trigger) {
}
