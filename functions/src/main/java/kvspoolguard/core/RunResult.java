package kvspoolguard.core;

import java.util.List;

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
     * unpublished, state left unrecorded, a policy that could not be read. An invalid policy is not
     * such a case: it stays invalid until someone fixes it.
     */
    public boolean worthRetrying() {
        return !unpublished.isEmpty() || !stateErrors.isEmpty() || policyProblem != null && !policyProblem.invalid();
    }
}
