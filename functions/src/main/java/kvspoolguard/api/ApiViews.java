package kvspoolguard.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kvspoolguard.core.Compliance;
import kvspoolguard.core.PolicyStanding;
import kvspoolguard.core.PoolVerdicts;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.history.HistoryPage;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.policy.Verdict;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.json.EventJson;
import kvspoolguard.report.Csv;

/**
 * The JSON bodies of docs/openapi.yaml. A pool appears as the service's Get shows it, in the
 * same field names (camel-cased), beside its compliance under the policy.
 */
final class ApiViews {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private ApiViews() {
    }

    /** {@code {"pool": …, "compliance": …}}: an item of GET /pools, the body of GET /pools/{identifier}. */
    static ObjectNode judged(PoolVerdicts.Judged judged) {
        ObjectNode node = JSON.createObjectNode();
        node.set("pool", pool(judged.pool()));
        node.set("compliance", compliance(judged.verdict()));
        return node;
    }

    /** GET /pools: a page of judged pools, the token of the next, and the policy that judged them. */
    static ObjectNode listing(PoolVerdicts.Listing listing) {
        ObjectNode body = JSON.createObjectNode();
        var items = body.putArray("pools");
        listing.pools().forEach(p -> items.add(judged(p)));
        body.put("nextToken", listing.nextToken());
        body.set("policy", policyRef(listing.policy()));
        return body;
    }

    /** GET /pools/{identifier}/history: a page of the pool's events, newest first. */
    static ObjectNode history(PoolRef pool, HistoryPage page) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("pool").put("account", pool.account()).put("region", pool.region()).put("name", pool.name());
        var events = body.putArray("events");
        for (GuardEvent entry : page.events()) {
            ObjectNode event = events.addObject();
            event.put("eventId", entry.eventId());
            event.put("detailType", entry.type().detailType());
            event.put("time", entry.time().toString());
            event.set("detail", EventJson.tree(entry.detail()));
        }
        body.put("nextToken", page.nextToken());
        return body;
    }

    /**
     * GET /compliance: the counts, in total and by account, region and rule; {@code nextToken} when
     * more pools' records remain (the counts are then this page's).
     */
    static ObjectNode compliance(Compliance compliance, String nextToken) {
        ObjectNode body = JSON.createObjectNode();
        body.put("pools", compliance.pools().size());
        counts(body.putObject("totals"), compliance.totals(), compliance.unjudged());
        var groups = body.putArray("groups");
        for (Compliance.Group group : compliance.groups()) {
            ObjectNode node = groups.addObject().put("account", group.account()).put("region", group.region())
                    .put("rule", group.rule());
            counts(node, group.counts(), group.unjudged());
        }
        if (compliance.unreadable() > 0) {
            body.put("unreadable", compliance.unreadable());
        }
        if (nextToken != null) {
            body.put("nextToken", nextToken);
        }
        return body;
    }

    private static void counts(ObjectNode node, Map<Standing.Kind, Integer> counts, int unjudged) {
        for (Standing.Kind kind : Standing.Kind.values()) {
            node.put(kind.wireName(), counts.getOrDefault(kind, 0));
        }
        node.put("unjudged", unjudged);
    }

    /** The columns of GET /compliance as CSV, one row per pool. */
    static final List<String> COMPLIANCE_COLUMNS = List.of("account", "region", "pool", "standing", "rule", "status",
            "retention_hours", "observed_at", "arn");

    /** GET /compliance with {@code Accept: text/csv}: a header, then one row per pool, in order. */
    static String complianceCsv(Compliance compliance) {
        StringBuilder csv = new StringBuilder(Csv.row(COMPLIANCE_COLUMNS));
        for (Compliance.PoolStanding p : compliance.pools()) {
            csv.append(Csv.row(Arrays.asList(p.pool().account(), p.pool().region(), p.pool().name(),
                    p.standing() == null ? "unjudged" : p.standing().kind().wireName(),
                    p.standing() == null ? null : p.standing().rule(),
                    p.status() == null ? null : p.status().name(),
                    p.retentionHours() == null ? null : p.retentionHours().toString(),
                    p.observedAt().toString(), p.pool().arn())));
        }
        return csv.toString();
    }

    /** PUT /pools/{identifier}/retention: the pool as it now is, and whether this request changed it. */
    static ObjectNode changed(PoolVerdicts.Judged judged, boolean changed) {
        return judged(judged).put("changed", changed);
    }

    /** POST /enforcements: the run handed to the enforcer, and where to follow it. */
    static ObjectNode accepted(RunRecord run) {
        return JSON.createObjectNode().put("runId", run.runId()).put("status", run.status().name())
                .put("dryRun", run.dryRun()).put("location", "/enforcements/" + run.runId());
    }

    /** GET /enforcements/{runId}: the run as recorded. */
    static ObjectNode run(RunRecord run) {
        ObjectNode node = JSON.createObjectNode();
        node.put("runId", run.runId());
        node.put("status", run.status().name());
        node.put("trigger", run.trigger().wireName());
        node.put("dryRun", run.dryRun());
        node.put("startedAt", timestamp(run.startedAt()));
        node.put("deadline", timestamp(run.deadline()));
        node.put("finishedAt", timestamp(run.finishedAt()));
        ObjectNode shards = node.putObject("shards");
        shards.put("total", run.shardsTotal());
        shards.put("done", run.shardsDone());
        var failed = shards.putArray("failed");
        run.failedShards().forEach(f -> failed.addObject().put("account", f.shard().account())
                .put("region", f.shard().region()).put("reason", f.reason()));
        ObjectNode counts = node.putObject("counts");
        run.counts().forEach((kind, n) -> counts.put(kind.name(), n));
        return node;
    }

    static ObjectNode pool(Pool pool) {
        ObjectNode node = JSON.createObjectNode();
        node.put("poolArn", pool.arn());
        node.put("poolName", pool.name());
        node.put("poolId", pool.id());
        node.put("poolStatus", pool.status().name());
        node.put("poolSize", pool.size());
        ObjectNode stream = node.putObject("streamConfiguration");
        stream.put("region", pool.streamRegion());
        stream.put("dataRetentionInHours", pool.retentionHours());
        node.put("createdTimestamp", timestamp(pool.createdAt()));
        node.put("updatedTimestamp", timestamp(pool.updatedAt()));
        return node;
    }

    /**
     * compliant, the verdict (COMPLIANT, CHANGE_DUE, DEFERRED: a change due but the pool is not ACTIVE,
     * EXEMPT), the rule and its bounds, and the retention enforcement would set (null: none).
     */
    static ObjectNode compliance(Verdict verdict) {
        // the change a verdict wants, made or deferred: its rule, bounds and the retention it would set
        Verdict.Change wanted = switch (verdict) {
            case Verdict.Change c -> c;
            case Verdict.Deferred d -> d.wanted();
            case Verdict.Compliant c -> null;
            case Verdict.Exempt e -> null;
        };
        ObjectNode node = JSON.createObjectNode();
        node.put("compliant", verdict instanceof Verdict.Compliant || verdict instanceof Verdict.Exempt);
        node.put("verdict", switch (verdict) {
            case Verdict.Compliant c -> "COMPLIANT";
            case Verdict.Exempt e -> "EXEMPT";
            case Verdict.Change c -> "CHANGE_DUE";
            case Verdict.Deferred d -> "DEFERRED";
        });
        Bounds bounds = verdict instanceof Verdict.Compliant c ? c.bounds() : wanted == null ? null : wanted.bounds();
        node.put("rule", verdict instanceof Verdict.Compliant c ? c.rule() : wanted == null ? null : wanted.rule());
        if (bounds == null) {
            node.putNull("bounds");
        } else {
            ObjectNode b = node.putObject("bounds");
            b.put("minHours", bounds.minHours());
            b.put("maxHours", bounds.maxHours());
            b.put("targetHours", bounds.targetHours());
            b.put("description", bounds.describe());
        }
        node.put("enforcementWouldSet", wanted == null ? null : wanted.toHours());
        node.put("reason", switch (verdict) {
            case Verdict.Exempt e -> e.reason();
            case Verdict.Deferred d -> d.reason();
            case Verdict.Compliant c -> null;
            case Verdict.Change c -> null;
        });
        return node;
    }

    /** Where the policy judging a response came from. */
    static ObjectNode policyRef(RetentionPolicy policy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", policy.source());
        node.put("version", policy.version());
        return node;
    }

    /**
     * GET /policy: the policy in force as a document in the format policy.md describes, its digest
     * (what an approval names), and its version as the guard met it (null: no run has yet).
     */
    static ObjectNode policy(PolicyStanding standing) {
        ObjectNode node = policyRef(standing.policy());
        node.put("digest", standing.digest());
        node.set("document", JSON.valueToTree(PolicyDocument.render(standing.policy())));
        node.set("met", standing.met() == null ? JSON.nullNode() : version(standing.met()));
        return node;
    }

    /** A version of the policy as met: what it would change, whether its decreases wait, who approved it. */
    static ObjectNode version(PolicyVersion met) {
        ObjectNode node = JSON.createObjectNode();
        node.put("digest", met.digest());
        node.put("version", met.version());
        node.put("seenAt", timestamp(met.seenAt())); // null: approved before any run met it
        node.put("increases", met.impact().increases());
        node.put("decreases", met.impact().decreases());
        node.put("hoursAtStake", met.impact().hoursAtStake());
        node.put("held", met.holdsDecreases());
        node.put("approvedBy", met.approval() == null ? null : met.approval().by());
        node.put("approvedAt", met.approval() == null ? null : timestamp(met.approval().at()));
        return node;
    }

    static ObjectNode error(String code, String message, String requestId) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode error = node.putObject("error");
        error.put("code", code);
        error.put("message", message);
        node.put("requestId", requestId);
        return node;
    }

    private static String timestamp(Instant at) {
        return at == null ? null : at.toString();
    }
}
