package kvspoolguard.core.events;

import kvspoolguard.core.policy.PolicyVersion;

/**
 * A version of the policy took effect, announced once by the first run that met it: what it would
 * change of the fleet the state records, and whether its decreases wait for approval ({@code held};
 * {@code threshold}: the most decreases a version makes without one, null: no threshold). A dry
 * run that meets it first announces it ({@code dryRun}), under its own id, holding nothing itself.
 */
public record PolicyChanged(String eventId, String runId, String version, String digest, int increases,
                            int decreases, long hoursAtStake, boolean held, Integer threshold, boolean dryRun,
                            TriggeredBy trigger) implements EventDetail {

    /** One per version: its id names the digest. */
    public static PolicyChanged of(PolicyVersion met, Integer threshold, Origin origin) {
        PolicyVersion.Impact impact = met.impact();
        return new PolicyChanged(EventIds.of(EventType.POLICY_CHANGED, met.digest()), origin.runId(), met.version(),
                met.digest(), impact.increases(), impact.decreases(), impact.hoursAtStake(), met.held(), threshold,
                false, origin.trigger());
    }

    /**
     * The version as a dry run met it: its id names the digest and the run; {@code held} says
     * whether the version's decreases wait, though the dry run itself holds nothing.
     */
    public static PolicyChanged dryRun(PolicyVersion met, Integer threshold, Origin origin) {
        PolicyVersion.Impact impact = met.impact();
        return new PolicyChanged(EventIds.of(EventType.POLICY_CHANGED, met.digest(), origin.runId()), origin.runId(),
                met.version(), met.digest(), impact.increases(), impact.decreases(), impact.hoursAtStake(), met.held(),
                threshold, true, origin.trigger());
    }

    @Override
    public EventType type() {
        return EventType.POLICY_CHANGED;
    }
}
