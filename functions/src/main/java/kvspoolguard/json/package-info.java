/**
 * The wire form of the events ({@link kvspoolguard.json.EventJson}): the core's typed details
 * written as the JSON docs/events.md documents, and read back from the tables, for the adapters,
 * the API and the handlers' logs alike.
 */
package kvspoolguard.json;
