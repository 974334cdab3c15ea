package kvspoolguard.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.lambda.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How both functions log what a trigger led to (docs/operations.md): its summary, one line per
 * pool that needed something, and whole, one line per event the bus refused, so that none is lost
 * and each can be replayed.
 */
public final class TriggerLog {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerLog.class);

    private TriggerLog() {
    }

    /**
     * The whole story of a run: its {@code summary} ({@link TriggerSummary#of}), at ERROR when
     * {@code undone}, for someone to look at; at WARN when it was refused as outside the stack's
     * scope (a member forwarding what the stack does not govern is a set-up to correct) or as a run
     * the API never recorded (someone put it on the bus: metric {@code UnrequestedRuns}).
     */
    public static void run(TriggerResult result, ObjectNode summary, boolean undone) {
        if (result.rejected()) {
            Logs.fields(LOG.atWarn(), summary).log("trigger summary");
        } else if (undone) {
            Logs.fields(LOG.atError(), summary).log("trigger summary");
        } else {
            Logs.fields(LOG.atInfo(), summary).log("trigger summary");
        }
        TriggerSummary.poolOutcomes(result).forEach(o -> Logs.fields(LOG.atInfo(), o).log("pool outcome"));
        unpublished(result);
    }

    /** What a trigger that is not a run (an API change) left undone: events refused, state not recorded. */
    public static void undone(TriggerResult result) {
        unpublished(result);
        result.stateErrors().forEach(e -> LOG.error("state not recorded: {}", e));
    }

    private static void unpublished(TriggerResult result) {
        result.unpublished().forEach(e -> Logs.fields(LOG.atError(), TriggerSummary.unpublished(e))
                .log("event not published"));
    }
}
