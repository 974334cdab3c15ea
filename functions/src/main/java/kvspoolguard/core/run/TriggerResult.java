package kvspoolguard.core.run;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.Shard;

/**
 * Everything one trigger led to: the run's report (null when no run was made: a deletion, a
 * failure AWS reported, a policy problem, a run planned), the policy problem that stopped the run
 * (null when none), the events published and those that could not be, what could not be recorded
 * or queued, and the shards a planned run queued.
 */
@RecordBuilder
public record TriggerResult(Trigger trigger, RunReport report, Problem problem, List<GuardEvent> published,
                            List<GuardEvent> unpublished, List<String> stateErrors, List<Shard> queued) {

    public TriggerResult {
        published = List.copyOf(published);
        unpublished = List.copyOf(unpublished);
        stateErrors = List.copyOf(stateErrors);
        queued = List.copyOf(queued);
    }

    private TriggerResult(Trigger trigger, RunReport report, Problem problem, List<GuardEvent> published,
                          List<GuardEvent> unpublished, List<String> stateErrors) {
        this(trigger, report, problem, published, unpublished, stateErrors, List.of());
    }

    /** A result of {@code trigger} with nothing in it yet: the rest by name. */
    public static TriggerResultBuilder builder(Trigger trigger) {
        return TriggerResultBuilder.builder().trigger(trigger).published(List.of()).unpublished(List.of())
                .stateErrors(List.of()).queued(List.of());
    }

    /** This result, for a run that queued the first steps of {@code shards}. */
    public TriggerResult queued(List<Shard> shards) {
        return new TriggerResult(trigger, report, problem, published, unpublished, stateErrors, shards);
    }

    /** True when the trigger was not this stack's to act on: outside its scope, or a run the API never recorded. */
    public boolean rejected() {
        return problem instanceof Problem.Ungoverned || problem instanceof Problem.RunNotRequested;
    }

    /** A trigger that called for nothing to be done (a call that changed nothing, the guard's own call). */
    public static TriggerResult noChange(Trigger trigger) {
        return new TriggerResult(trigger, null, null, List.of(), List.of(), List.of());
    }

    /** A trigger whose state could not be read or written: {@code stateError} says which, and it is worth taking again. */
    public static TriggerResult stateUnrecorded(Trigger trigger, String stateError) {
        return new TriggerResult(trigger, null, null, List.of(), List.of(), List.of(stateError));
    }

    /** A trigger that only published events kept in outboxes (those the bus refused stay there). */
    public static TriggerResult events(Trigger trigger, List<GuardEvent> published, List<GuardEvent> unpublished) {
        return new TriggerResult(trigger, null, null, published, unpublished, List.of());
    }

    /** A trigger refused before anything was read or changed. */
    public static TriggerResult refused(Trigger trigger, Problem problem) {
        return new TriggerResult(trigger, null, problem, List.of(), List.of(), List.of());
    }

    /**
     * True when handling the trigger again may achieve what this attempt could not: events left
     * unpublished, state left unrecorded, a policy that could not be read, or, for an {@code aws.chime}
     * state change, its pool left unread or unchanged by throttling or an outage (nothing else would
     * look at that pool before the next sweep; a sweep's failed pools are the next sweep's). An
     * invalid policy is not such a case: it stays invalid until someone fixes it.
     */
    public boolean worthRetrying() {
        return !unpublished.isEmpty() || !stateErrors.isEmpty() || problem instanceof Problem.PolicyUnavailable
                || !poolsToRetry().isEmpty();
    }

    /**
     * True when the trigger left work undone or could not act (logged as an error): worth retrying,
     * or refused for a problem. The guard's own call, ignored, is neither.
     */
    public boolean leftUndone() {
        return worthRetrying() || problem != null && !(problem instanceof Problem.OwnCall);
    }

    /**
     * The pools of a single change (an {@code aws.chime} state change, CloudTrail's record of a call
     * on a stream) that failed, or whose streams failed, for a reason that passes: the invocation is
     * worth retrying for them. A sweep's are left to the next sweep.
     */
    public List<String> poolsToRetry() {
        if (trigger.kind() != Trigger.Kind.POOL_STATE_CHANGE && trigger.kind() != Trigger.Kind.API_CALL
                || report == null) {
            return List.of();
        }
        return java.util.stream.Stream.concat(
                report.outcomes().stream().filter(PoolOutcome::retryable).map(o -> o.pool().identifier()),
                report.streams().stream().filter(StreamOutcome::retryable).map(StreamOutcome::pool))
                .distinct().toList();
    }
}
