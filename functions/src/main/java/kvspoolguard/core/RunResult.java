package kvspoolguard.core;

import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.Trigger;

/**
 * Everything one trigger led to: the run's report (null when no run could act), the policy problem
 * that stopped it (null when none), the events published and those that could not be, and the pools
 * whose state could not be recorded.
 */
public record RunResult(Trigger trigger, RunReport report, PolicyProblem policyProblem, List<GuardEvent> published,
                        List<GuardEvent> unpublished, List<String> stateErrors) {

    /** Why no run could act: the policy is invalid (fail closed) or could not be read. */
    public record PolicyProblem(boolean invalid, String message) {
    }

    public RunResult {
        published = List.copyOf(published);
        unpublished = List.copyOf(unpublished);
        stateErrors = List.copyOf(stateErrors);
    }

    /**
     * True when handling the trigger again may achieve what this attempt could not: events left
     * unpublished, state left unrecorded, a policy that could not be read, or, for an {@code aws.chime}
     * state change, its pool left unread or unchanged by throttling or an outage (nothing else would
     * look at that pool before the next sweep; a sweep's failed pools are the next sweep's). An
     * invalid policy is not such a case: it stays invalid until someone fixes it.
     */
    public boolean worthRetrying() {
        return !unpublished.isEmpty() || !stateErrors.isEmpty() || policyProblem != null && !policyProblem.invalid()
                || !poolsToRetry().isEmpty();
    }

    /** The pools of an {@code aws.chime} state change that failed for a reason that passes. */
    public List<String> poolsToRetry() {
        if (trigger.kind() != Trigger.Kind.POOL_STATE_CHANGE || report == null) {
            return List.of();
        }
        return report.outcomes().stream().filter(PoolOutcome::retryable).map(o -> o.pool().identifier()).toList();
    }
}
