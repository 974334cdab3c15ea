package kvspoolguard.testing;

import java.util.ArrayList;
import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.StreamOutcome;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.run.TriggerResult;

/** The results of a planned sweep's invocations (the planner's, then each step's), as one. */
public final class TriggerResults {

    private TriggerResults() {
    }

    /** Pools' outcomes, failed shards and events in the order the invocations made them; the first problem. */
    public static TriggerResult merged(Trigger trigger, List<TriggerResult> results) {
        List<PoolOutcome> outcomes = new ArrayList<>();
        List<StreamOutcome> streams = new ArrayList<>();
        List<ShardFailure> failed = new ArrayList<>();
        List<GuardEvent> published = new ArrayList<>();
        List<GuardEvent> unpublished = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Problem problem = null;
        RunReport first = null;
        RunReport last = null;
        for (TriggerResult result : results) {
            if (result.report() != null) {
                first = first == null ? result.report() : first;
                last = result.report();
                outcomes.addAll(result.report().outcomes());
                streams.addAll(result.report().streams());
                failed.addAll(result.report().failedShards());
            }
            published.addAll(result.published());
            unpublished.addAll(result.unpublished());
            errors.addAll(result.stateErrors());
            problem = problem == null ? result.problem() : problem;
        }
        RunReport report = first == null ? null : first.toBuilder().finishedAt(last.finishedAt()).outcomes(outcomes)
                .streams(streams).failedShards(failed).build();
        return TriggerResult.builder(trigger).report(report).problem(problem).published(published)
                .unpublished(unpublished).stateErrors(errors).queued(results.getFirst().queued()).build();
    }
}
