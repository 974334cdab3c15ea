package kvspoolguard.core.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import kvspoolguard.core.attribution.PoolCall;
import kvspoolguard.core.events.EventType;
import kvspoolguard.core.events.GuardEvent;
import kvspoolguard.core.pool.Pool;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.Transition;

/**
 * Builds the events of docs/events.md from what a run observed and did. Ids are name-based UUIDs
 * of what the event reports (the pool and the observation, or the run and the pool), so the same
 * fact reported twice carries the same id and consumers can deduplicate on it.
 */
public final class EventCatalog {

    static final int SCHEMA_VERSION = 1;

    private EventCatalog() {
    }

    /**
     * One Pool Status Changed per discovery, status change or deletion, one Pool Retention Drifted
     * per drift, naming the call that made it ({@code changedBy}) when {@code actorOf} knows it
     * (null: not known, or not yet). A violation is reported with the outcome that caused it.
     */
    public static List<GuardEvent> forTransition(Transition transition, Trigger trigger,
                                                 Function<Transition, PoolCall> actorOf) {
        List<GuardEvent> events = new ArrayList<>(2);
        Observation now = transition.current();
        for (Transition.Change change : transition.changes()) {
            if (change == Transition.Change.VIOLATION || change == Transition.Change.VIOLATION_CLEARED
                    || change == Transition.Change.STANDING) {
                continue; // reported with the outcome that caused it (see violation), or not at all
            }
            if (change == Transition.Change.RETENTION_DRIFTED) {
                var detail = start(EventType.POOL_RETENTION_DRIFTED, now.arn(), now.observedAt(), now.retentionHours());
                detail.put("pool", pool(now));
                detail.put("previousRetentionHours", transition.previous().retentionHours());
                detail.put("retentionHours", now.retentionHours());
                detail.put("status", now.status().name());
                detail.put("observedAt", now.observedAt().toString());
                PoolCall call = actorOf.apply(transition);
                if (call != null) {
                    detail.put("changedBy", call.changedBy());
                }
                events.add(finish(EventType.POOL_RETENTION_DRIFTED, detail, trigger, now.observedAt(), now.arn()));
            } else {
                events.add(statusChanged(change.name(), transition.previous(), now, trigger, null));
            }
        }
        return events;
    }

    /**
     * Pool Drift Attributed: the call that made a drift reported before its CloudTrail record came
     * (or was read). One per drift: its id derives from the drift's.
     */
    public static GuardEvent driftAttributed(PoolRef pool, String driftEventId, PoolCall call, Trigger trigger,
                                             Instant at) {
        var detail = start(EventType.POOL_DRIFT_ATTRIBUTED, driftEventId);
        detail.put("pool", pool(pool));
        detail.put("driftEventId", driftEventId);
        detail.put("retentionHours", call.requestedHours());
        detail.put("changedBy", call.changedBy());
        return finish(EventType.POOL_DRIFT_ATTRIBUTED, detail, trigger, at, pool.arn());
    }

    /**
     * AWS reported a failure of the pool (a TemporaryFailure, PermanentFailure or StreamLimitExceeded
     * event); {@code seen} is the pool as read after it (status UNKNOWN when it could not be read).
     * One event per AWS event: its id derives from the trigger's.
     */
    public static GuardEvent failureReported(Observation seen, String failure, Trigger trigger) {
        return statusChanged("FAILURE_REPORTED", null, seen, trigger, failure);
    }

    /**
     * The violation an outcome leaves the pool in, as recorded with its state ({@code DRY_RUN->720}),
     * or null when the pool is compliant, exempt, fixed, or could not be judged.
     */
    public static String violationOf(PoolOutcome outcome) {
        String reason = reason(outcome.kind());
        return reason == null || outcome.toHours() == null ? null : reason + "->" + outcome.toHours();
    }

    /** Pool Retention Enforced: an update this run made. */
    public static GuardEvent enforced(PoolOutcome outcome, String runId, Trigger trigger, Instant at) {
        return perPool(EventType.POOL_RETENTION_ENFORCED, outcome, runId, trigger, at);
    }

    /** Pool Retention Violation: a change due and not made, reported when the pool enters that violation. */
    public static GuardEvent violation(PoolOutcome outcome, String runId, Trigger trigger, Instant at) {
        return perPool(EventType.POOL_RETENTION_VIOLATION, outcome, runId, trigger, at);
    }

    /**
     * One run can report a pool twice with other facts (an update that failed, then, on the step's
     * next delivery, the cap reached; a pool changed back and enforced again): the id names every
     * field the detail states, so that one id is always one detail. The event's time is no field:
     * the report written with an update's intent and the one published after it keep one id.
     */
    private static GuardEvent perPool(EventType type, PoolOutcome outcome, String runId, Trigger trigger,
                                      Instant at) {
        boolean violation = type == EventType.POOL_RETENTION_VIOLATION;
        String status = !violation || outcome.observed() == null ? null : outcome.observed().status().name();
        String reason = violation ? reason(outcome.kind()) : null;
        String message = violation ? outcome.reason() : null;
        var detail = start(type, runId, outcome.pool().arn(), outcome.fromHours(), outcome.toHours(), outcome.rule(),
                status, reason, message, trigger.kind().wireName(), trigger.id());
        detail.put("pool", pool(outcome.pool()));
        detail.put("runId", runId);
        detail.put("fromHours", outcome.fromHours());
        detail.put("toHours", outcome.toHours());
        detail.put("rule", outcome.rule());
        if (violation) {
            detail.put("status", status);
            detail.put("reason", reason);
            detail.put("message", message);
        }
        return finish(type, detail, trigger, at, outcome.pool().arn());
    }

    private static String reason(PoolOutcome.Kind kind) {
        return switch (kind) {
            case DRY_RUN -> "DRY_RUN";
            case DEFERRED -> "DEFERRED";
            case CAP_REACHED -> "CAP_REACHED";
            case FAILED -> "UPDATE_FAILED";
            case COMPLIANT, EXEMPT, ENFORCED -> null;
        };
    }

    /**
     * Pool Retention Changed: a caller changed the pool's retention through the API. The audit
     * record: who (the principal the authoriser vouched for), which request, from what to what, under
     * which rule (null when the pool is exempt). One event per request: its id derives from the
     * request id.
     */
    public static GuardEvent retentionChanged(Pool before, int toHours, String rule, Caller caller, Trigger trigger,
                                              Instant at) {
        var detail = start(EventType.POOL_RETENTION_CHANGED, before.arn(), trigger.id());
        detail.put("pool", pool(PoolRef.of(before)));
        detail.put("fromHours", before.retentionHours());
        detail.put("toHours", toHours);
        detail.put("rule", rule);
        Map<String, Object> changedBy = new LinkedHashMap<>();
        changedBy.put("authorizer", caller.authorizer());
        changedBy.put("principal", caller.principal());
        detail.put("changedBy", changedBy);
        detail.put("requestId", trigger.id());
        detail.put("changedAt", at.toString());
        return finish(EventType.POOL_RETENTION_CHANGED, detail, trigger, at, before.arn());
    }

    /**
     * A run finished: its counts summed over its shards, and the shards that failed. {@code updateCap}:
     * the run's count cap, null when none; the policy's version is null when it could not be read.
     */
    public static GuardEvent runCompleted(RunRecord run, String policySource, String policyVersion, Integer updateCap,
                                          Trigger trigger) {
        var detail = start(EventType.ENFORCEMENT_RUN_COMPLETED, run.runId());
        detail.put("runId", run.runId());
        detail.put("dryRun", run.dryRun());
        detail.put("startedAt", run.startedAt().toString());
        detail.put("finishedAt", run.finishedAt().toString());
        detail.put("policy", policy(policySource, policyVersion));
        detail.put("updateCap", updateCap);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int pools = 0;
        for (PoolOutcome.Kind kind : PoolOutcome.Kind.values()) {
            int n = run.counts().getOrDefault(kind, 0);
            counts.put(camel(kind.name()), n);
            pools += n;
        }
        detail.put("capReached", counts.get(camel(PoolOutcome.Kind.CAP_REACHED.name())) > 0);
        detail.put("pools", pools);
        detail.put("counts", counts);
        detail.put("failedShards", run.failedShards().stream().map(EventCatalog::shard).toList());
        return finish(EventType.ENFORCEMENT_RUN_COMPLETED, detail, trigger, run.finishedAt(), null);
    }

    public static GuardEvent enforcementRequested(String runId, boolean dryRun, List<PoolRef> pools, Caller caller,
                                                  Instant at, Trigger trigger) {
        var detail = start(EventType.ENFORCEMENT_REQUESTED, runId);
        detail.put("runId", runId);
        detail.put("dryRun", dryRun);
        detail.put("pools", pools == null ? null : pools.stream().map(EventCatalog::requested).toList());
        detail.put("requestedBy", Map.of("authorizer", caller.authorizer(), "principal", caller.principal()));
        return finish(EventType.ENFORCEMENT_REQUESTED, detail, trigger, at, null);
    }

    private static Map<String, Object> requested(PoolRef ref) {
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("account", ref.account());
        pool.put("region", ref.region());
        pool.put("name", ref.name());
        pool.put("arn", ref.arn());
        return pool;
    }

    /** A run whose deadline passed before it finished (its invocation died or timed out). */
    public static GuardEvent runIncomplete(RunRecord run, Instant at, Trigger trigger) {
        var detail = start(EventType.ENFORCEMENT_RUN_INCOMPLETE, run.runId());
        detail.put("runId", run.runId());
        detail.put("startedAt", run.startedAt().toString());
        detail.put("deadline", run.deadline().toString());
        detail.put("shards", run.shardsTotal());
        return finish(EventType.ENFORCEMENT_RUN_INCOMPLETE, detail, trigger, at, null);
    }

    /** A shard the run could not list: its pools are left to the next run. */
    public static GuardEvent shardFailed(ShardFailure failure, String runId, Instant at, Trigger trigger) {
        var detail = start(EventType.SHARD_FAILED, runId, failure.shard());
        detail.put("runId", runId);
        detail.putAll(shard(failure));
        return finish(EventType.SHARD_FAILED, detail, trigger, at, null);
    }

    private static Map<String, Object> shard(ShardFailure failure) {
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("account", failure.shard().account());
        shard.put("region", failure.shard().region());
        shard.put("reason", failure.reason());
        return shard;
    }

    public static GuardEvent policyInvalid(String runId, String source, String problem, Instant at, Trigger trigger) {
        var detail = start(EventType.POLICY_INVALID, runId);
        detail.put("runId", runId);
        detail.put("policySource", source);
        detail.put("message", problem);
        return finish(EventType.POLICY_INVALID, detail, trigger, at, null);
    }

    /**
     * The policy could not be read and the run acted on none (fails closed): {@code DENIED} (SSM or
     * its key refused) or {@code STALE} (unreadable for longer than the last policy may stand in).
     */
    public static GuardEvent policyUnreadable(String runId, String source, boolean denied, String problem, Instant at,
                                              Trigger trigger) {
        String reason = denied ? "DENIED" : "STALE";
        var detail = start(EventType.POLICY_UNREADABLE, runId, reason, problem);
        detail.put("runId", runId);
        detail.put("policySource", source);
        detail.put("reason", reason);
        detail.put("message", problem);
        return finish(EventType.POLICY_UNREADABLE, detail, trigger, at, null);
    }

    private static GuardEvent statusChanged(String change, Observation before, Observation now, Trigger trigger,
                                            String failure) {
        String key = failure != null ? trigger.id() : change + "/" + now.observedAt();
        var detail = start(EventType.POOL_STATUS_CHANGED, now.arn(), key);
        detail.put("pool", pool(now));
        detail.put("change", change);
        detail.put("previousStatus", before == null || before.deleted() ? null : before.status().name());
        detail.put("status", now.deleted() ? null : now.status().name());
        detail.put("retentionHours", now.retentionHours());
        if (failure != null) {
            detail.put("failure", failure);
        }
        detail.put("observedAt", now.observedAt().toString());
        return finish(EventType.POOL_STATUS_CHANGED, detail, trigger, now.observedAt(), now.arn());
    }

    /** A detail whose first fields are its deterministic id and schema version. */
    private static Map<String, Object> start(EventType type, Object... identity) {
        StringBuilder name = new StringBuilder(EventType.SOURCE).append('/').append(type.slug());
        for (Object part : identity) {
            name.append('/').append(part);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString());
        detail.put("schemaVersion", SCHEMA_VERSION);
        return detail;
    }

    private static GuardEvent finish(EventType type, Map<String, Object> detail, Trigger trigger, Instant at,
                                     String arn) {
        Map<String, Object> triggeredBy = new LinkedHashMap<>(); // in the documented order, on every JVM
        triggeredBy.put("kind", trigger.kind().wireName());
        triggeredBy.put("id", trigger.id());
        detail.put("trigger", triggeredBy);
        return new GuardEvent(type, (String) detail.get("eventId"), at, arn == null ? List.of() : List.of(arn), detail);
    }

    private static Map<String, Object> pool(Observation o) {
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("arn", o.arn());
        pool.put("name", o.name() == null ? "" : o.name());
        pool.put("region", o.region() == null ? "" : o.region());
        pool.put("account", o.arn() == null ? null : PoolRef.fromArn(o.arn()).account());
        return pool;
    }

    private static Map<String, Object> pool(PoolRef ref) {
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("arn", ref.arn());
        pool.put("name", ref.name());
        pool.put("region", ref.region());
        pool.put("account", ref.account());
        return pool;
    }

    private static Map<String, Object> policy(String source, String version) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("source", source);
        policy.put("version", version);
        return policy;
    }

    /** CAP_REACHED → capReached, as the counts appear in JSON. */
    private static String camel(String constant) {
        String[] words = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return out.toString();
    }
}
