package kvspoolguard.core;

import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.RetentionPolicy;

/**
 * The policy in force, its digest, and its version as the guard met it ({@code met}: null while no
 * run has met it, nor an operator approved it).
 */
public record PolicyStanding(RetentionPolicy policy, String digest, PolicyVersion met) {
}
