package kvspoolguard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.Problem;
import kvspoolguard.core.run.RunReport;
import kvspoolguard.core.run.StreamOutcome;
import kvspoolguard.core.run.TriggerResult;
import kvspoolguard.json.EventJson;

/**
 * The answer and log record of what one trigger led to (the enforcer's invocation, an API-requested
 * run): counts, the outcome of every pool that needed something (compliant and exempt pools are
 * only counted) and of every stream that did, what was lost. At most
 * {@value #MAX_OUTCOMES} outcomes are listed, so the record stays far below CloudWatch's 256 KB
 * per log event on any fleet; the events carry the rest.
 */
public final class TriggerSummary {

    public static final int MAX_OUTCOMES = 200;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private TriggerSummary() {
    }

    /** The log's record, and the enforcer's answer: the pools whose state was not recorded, with the store's errors. */
    public static ObjectNode of(TriggerResult result) {
        ObjectNode summary = common(result);
        ArrayNode stateErrors = summary.putArray("stateErrors");
        result.stateErrors().forEach(stateErrors::add);
        return summary;
    }

    private static ObjectNode common(TriggerResult result) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("runId", result.trigger().id());
        summary.put("trigger", result.trigger().kind().wireName());
        if (result.rejected()) {
            summary.put("refused", result.problem().message());
        } else if (result.problem() instanceof Problem.OwnCall own) {
            summary.put("ignored", own.message());
        } else if (result.problem() != null) {
            summary.put("policyProblem", switch (result.problem()) {
                case Problem.PolicyInvalid p -> "invalid: ";
                case Problem.PolicyUnreadable p -> p.denied() ? "denied: " : "stale: ";
                default -> "unavailable: ";
            } + result.problem().message());
        }
        RunReport report = result.report();
        if (report != null) {
            summary.put("dryRun", report.dryRun());
            summary.put("policy", report.policySource() + "@" + report.policyVersion());
            summary.put("capReached", report.capReached());
            ObjectNode counts = summary.putObject("counts");
            report.counts().forEach((kind, n) -> counts.put(kind.name(), n));
            List<PoolOutcome> notable = notable(report);
            ArrayNode outcomes = summary.putArray("outcomes");
            notable.stream().limit(MAX_OUTCOMES).forEach(o -> outcomes.add(outcome(o)));
            if (notable.size() > MAX_OUTCOMES) {
                summary.put("outcomesOmitted", notable.size() - MAX_OUTCOMES);
            }
            if (!report.streams().isEmpty()) {
                ObjectNode streamCounts = summary.putObject("streamCounts");
                report.streamCounts().forEach((kind, n) -> streamCounts.put(kind.name(), n));
                ArrayNode streams = summary.putArray("streams");
                report.streams().stream().limit(MAX_OUTCOMES).forEach(o -> streams.add(stream(o)));
                if (report.streams().size() > MAX_OUTCOMES) {
                    summary.put("streamsOmitted", report.streams().size() - MAX_OUTCOMES);
                }
            }
            if (!report.failedShards().isEmpty()) {
                ArrayNode failed = summary.putArray("failedShards");
                report.failedShards().forEach(f -> failed.addObject().put("account", f.shard().account())
                        .put("region", f.shard().region()).put("reason", f.reason()));
            }
        }
        if (!result.queued().isEmpty()) {
            ArrayNode queued = summary.putArray("queuedShards");
            result.queued().forEach(shard -> queued.add(shard.toString()));
        }
        summary.put("eventsPublished", result.published().size());
        summary.put("eventsUnpublished", result.unpublished().size());
        return summary;
    }

    /** The outcomes that needed something: compliant and exempt pools are only counted. */
    private static List<PoolOutcome> notable(RunReport report) {
        return report.outcomes().stream()
                .filter(o -> o.kind() != PoolOutcome.Kind.COMPLIANT && o.kind() != PoolOutcome.Kind.EXEMPT)
                .toList();
    }

    /**
     * One log record per pool that needed something (at most {@value #MAX_OUTCOMES}), with the
     * pool's ARN as {@code poolArn}: what a pool's story in the logs is made of (docs/operations.md).
     */
    public static List<ObjectNode> poolOutcomes(TriggerResult result) {
        if (result.report() == null) {
            return List.of();
        }
        return notable(result.report()).stream().limit(MAX_OUTCOMES).map(o -> {
            ObjectNode node = outcome(o);
            node.put("poolArn", node.path("arn").asText(null));
            node.remove("arn");
            return node;
        }).toList();
    }

    private static ObjectNode outcome(PoolOutcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("pool", o.pool().name());
        node.put("arn", o.pool().arn());
        node.put("outcome", o.kind().name());
        putIfSet(node, "fromHours", o.fromHours());
        putIfSet(node, "toHours", o.toHours());
        if (o.rule() != null) {
            node.put("rule", o.rule());
        }
        if (o.reason() != null) {
            node.put("reason", o.reason());
        }
        return node;
    }

    /** A stream that needed something (every one a run reports): its pool, what was done, why. */
    private static ObjectNode stream(StreamOutcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("poolArn", o.pool());
        if (o.stream() != null) {
            node.put("streamArn", o.stream());
        }
        node.put("outcome", o.kind().name());
        putIfSet(node, "fromHours", o.fromHours());
        putIfSet(node, "toHours", o.toHours());
        if (o.reason() != null) {
            node.put("reason", o.reason());
        }
        return node;
    }

    /** An event that could not be published, whole, so it can be replayed from the log. */
    public static ObjectNode unpublished(GuardEvent e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("unpublishedEvent", true);
        node.put("source", kvspoolguard.core.events.EventType.SOURCE);
        node.put("detailType", e.type().detailType());
        node.put("time", e.time().toString());
        node.set("resources", JSON.valueToTree(e.resources()));
        node.set("detail", EventJson.tree(e.detail()));
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
