/**
 * Who changed a pool: the pool API's calls as CloudTrail records them (never a credential), kept
 * per pool so that a drift can name its actor, whichever of the two records arrives first
 * ({@link kvspoolguard.core.attribution.DriftAttribution}, the {@link
 * kvspoolguard.core.attribution.DriftActors} a run asks), and which sessions are the guard's own.
 */
package kvspoolguard.core.attribution;
