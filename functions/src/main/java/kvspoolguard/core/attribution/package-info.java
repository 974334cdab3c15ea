/**
 * Who changed a pool: the pool API's calls as CloudTrail records them (never a credential), kept
 * per pool so that a drift can name its actor, whichever of the two records arrives first.
 */
package kvspoolguard.core.attribution;
