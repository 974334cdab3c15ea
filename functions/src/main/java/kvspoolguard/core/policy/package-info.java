/**
 * The retention policy: its rules and bounds, the document that states it (docs/policy.md), the
 * {@link kvspoolguard.core.policy.Verdict} it gives one pool, and the port it is read from
 * ({@link kvspoolguard.core.policy.PolicySource}). Pure judgement: it knows pools and nothing else
 * of the core, reads nothing and changes nothing.
 */
package kvspoolguard.core.policy;
