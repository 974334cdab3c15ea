package kvspoolguard.aws;

import static kvspoolguard.aws.Items.n;
import static kvspoolguard.aws.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.run.PoolOutcome;
import kvspoolguard.core.run.RunLedger;
import kvspoolguard.core.run.RunRecord;
import kvspoolguard.core.run.ShardFailure;
import kvspoolguard.core.run.ShardProgress;
import kvspoolguard.core.run.ShardStep;
import kvspoolguard.core.run.StepTaken;
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.StateStoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The runs, in the state table beside the pools: one item per run, {@code run#<runId>}; one item
 * per shard a run fans out over, {@code run#<runId>#<account>#<region>}, with the step the shard
 * waits for and its page; and one item, {@code runs#open}, whose string set {@code ids} names the
 * runs started and not yet finished or expired, so that overdue ones are found without a scan. A
 * step is recorded in one transaction with the counts it adds to its run, on the condition that
 * the shard is at that step; a run's status only moves by conditional writes: completed once,
 * expired once.
 */
public final class DynamoDbRunLedger implements RunLedger {

    private static final String RUN = "run#";
    /** A run's count of one outcome kind is a number of its own, so that each step can add to it. */
    private static final String COUNT = "count_";
    private static final Map<String, AttributeValue> OPEN = Map.of("pk", s("runs#open"));

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbRunLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public void open(RunRecord started) {
        write("start run " + started.runId(), () -> {
            // listed as open first: a run whose item was not written is dropped from the list later
            dynamoDb.updateItem(r -> r.tableName(table).key(OPEN).updateExpression("ADD ids :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(started.runId())))));
            try {
                dynamoDb.putItem(r -> r.tableName(table).item(item(started))
                        .conditionExpression("attribute_not_exists(pk) OR (#s <> :completed AND attribute_not_exists(steps))")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":completed", s(RunRecord.Status.COMPLETED.name()))));
            } catch (ConditionalCheckFailedException taken) {
                // a trigger delivered again after its run completed, or after its first steps were taken: the record stands
                closeOpen(started.runId());
            }
        });
    }

    @Override
    public boolean complete(RunRecord finished) {
        boolean completed = write("complete run " + finished.runId(), () -> {
            try {
                dynamoDb.putItem(r -> r.tableName(table).item(item(finished))
                        .conditionExpression("attribute_not_exists(pk) OR #s <> :completed")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":completed", s(RunRecord.Status.COMPLETED.name()))));
                return true;
            } catch (ConditionalCheckFailedException already) {
                return false;
            }
        });
        write("close run " + finished.runId(), () -> {
            closeOpen(finished.runId());
            return null;
        });
        return completed;
    }

    @Override
    public List<RunRecord> expire(Instant now) {
        return write("expire overdue runs", () -> {
            Map<String, AttributeValue> open = dynamoDb.getItem(r -> r.tableName(table).key(OPEN).consistentRead(true))
                    .item();
            List<RunRecord> expired = new ArrayList<>();
            if (open == null || !open.containsKey("ids")) {
                return expired;
            }
            for (String runId : open.get("ids").ss()) {
                Optional<RunRecord> run = readRun(runId);
                if (run.isEmpty() || run.get().status() != RunRecord.Status.RUNNING) {
                    closeOpen(runId);
                } else if (run.get().deadline().isBefore(now)) {
                    try {
                        dynamoDb.updateItem(r -> r.tableName(table).key(key(runId))
                                .updateExpression("SET #s = :incomplete")
                                .conditionExpression("#s = :running")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .expressionAttributeValues(Map.of(":incomplete", s(RunRecord.Status.INCOMPLETE.name()),
                                        ":running", s(RunRecord.Status.RUNNING.name()))));
                        expired.add(run.get().incomplete());
                    } catch (ConditionalCheckFailedException another) {
                        // another invocation expired it, or it completed meanwhile
                    }
                    closeOpen(runId);
                }
            }
            return expired;
        });
    }

    @Override
    public Optional<RunRecord> read(String runId) {
        return write("read run " + runId, () -> readRun(runId));
    }

    @Override
    public ShardProgress progress(String runId, Shard shard) {
        return write("read shard " + shard + " of run " + runId, () -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(runId, shard))
                    .consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return ShardProgress.START;
            }
            return new ShardProgress(Integer.parseInt(item.get("step").n()),
                    item.containsKey("pageToken") ? item.get("pageToken").s() : null, item.get("ended").bool());
        });
    }

    @Override
    public boolean advance(ShardStep step, StepTaken taken) {
        String next = taken.next();
        Map<PoolOutcome.Kind, Integer> counts = taken.counts();
        ShardFailure failure = taken.failure();
        boolean ended = next == null;
        Map<String, AttributeValue> shardValues = new HashMap<>(Map.of(":next", n(step.step() + 1L),
                ":ended", AttributeValue.fromBool(ended)));
        String shardUpdate = "SET step = :next, ended = :ended";
        if (ended) {
            shardUpdate += " REMOVE pageToken";
        } else {
            shardUpdate += ", pageToken = :token";
            shardValues.put(":token", s(next));
        }
        String condition = "attribute_not_exists(pk)";
        if (step.step() > 0) {
            condition = "step = :step";
            shardValues.put(":step", n(step.step()));
        }
        Update shard = Update.builder().tableName(table).key(key(step.runId(), step.shard()))
                .updateExpression(shardUpdate).conditionExpression(condition).expressionAttributeValues(shardValues)
                .build();
        Map<String, AttributeValue> runValues = new HashMap<>(Map.of(":one", n(1)));
        StringBuilder add = new StringBuilder("ADD steps :one");
        counts.forEach((kind, count) -> {
            if (count > 0) {
                add.append(", ").append(COUNT).append(kind.name()).append(" :").append(kind.name());
                runValues.put(":" + kind.name(), n(count));
            }
        });
        String runUpdate;
        if (!ended) {
            runUpdate = add.toString();
        } else if (failure == null) {
            runUpdate = add + ", shardsEnded :one, shardsDone :one";
        } else {
            runValues.put(":none", AttributeValue.fromL(List.of()));
            runValues.put(":failed", AttributeValue.fromL(List.of(failed(failure))));
            runUpdate = add + ", shardsEnded :one SET failedShards = list_append(if_not_exists(failedShards, :none), :failed)";
        }
        Update run = Update.builder().tableName(table).key(key(step.runId())).updateExpression(runUpdate)
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(runValues).build();
        return write("record step " + step.step() + " of shard " + step.shard() + " in run " + step.runId(), () -> {
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(shard).build(),
                        TransactWriteItem.builder().update(run).build()));
                return true;
            } catch (TransactionCanceledException e) {
                if (e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())) {
                    return false; // the shard is past this step: another delivery recorded it
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<RunRecord> completeIfEnded(String runId, Instant at) {
        return write("complete run " + runId, () -> {
            try {
                Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(table).key(key(runId))
                        .updateExpression("SET #s = :completed, finishedAt = :at")
                        .conditionExpression("#s = :running AND (shardsEnded = shardsTotal OR shardsTotal = :zero)")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":completed", s(RunRecord.Status.COMPLETED.name()),
                                ":running", s(RunRecord.Status.RUNNING.name()), ":at", s(at.toString()),
                                ":zero", n(0)))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                closeOpen(runId);
                return Optional.of(record(runId, item));
            } catch (ConditionalCheckFailedException notYet) {
                return Optional.empty(); // shards are still going, or another step completed it
            }
        });
    }

    @Override
    public void announced(String runId) {
        write("mark run " + runId + " announced", () -> dynamoDb.updateItem(r -> r.tableName(table).key(key(runId))
                .updateExpression("SET announced = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))));
    }

    @Override
    public Optional<RunRecord> unannounced(String runId) {
        return write("read run " + runId, () -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(runId))
                    .consistentRead(true)).item();
            boolean pending = item != null && !item.isEmpty()
                    && RunRecord.Status.COMPLETED.name().equals(item.get("status").s())
                    && !(item.containsKey("announced") && item.get("announced").bool());
            return pending ? Optional.of(record(runId, item)) : Optional.<RunRecord>empty();
        });
    }

    @Override
    public boolean takeUpdate(String runId, int limit) {
        return write("take an update of run " + runId, () -> {
            try {
                dynamoDb.updateItem(r -> r.tableName(table).key(key(runId)).updateExpression("ADD updates :one")
                        .conditionExpression("attribute_not_exists(updates) OR updates < :limit")
                        .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit))));
                return true;
            } catch (ConditionalCheckFailedException reached) {
                return false;
            }
        });
    }

    @Override
    public void returnUpdate(String runId) {
        write("give back an update of run " + runId, () -> dynamoDb.updateItem(r -> r.tableName(table)
                .key(key(runId)).updateExpression("ADD updates :less")
                .expressionAttributeValues(Map.of(":less", n(-1)))));
    }

    private Optional<RunRecord> readRun(String runId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(runId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(runId, item));
    }

    private void closeOpen(String runId) {
        dynamoDb.updateItem(r -> r.tableName(table).key(OPEN).updateExpression("DELETE ids :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(runId)))));
    }

    /** Runs a write, turning the SDK's failures into the store's. */
    private static <T> T write(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StateStoreException("could not " + what + ": " + SdkFailures.summary(e), e);
        }
    }

    private static void write(String what, Runnable call) {
        write(what, () -> {
            call.run();
            return null;
        });
    }

    private Map<String, AttributeValue> item(RunRecord run) {
        Map<String, AttributeValue> item = new HashMap<>(key(run.runId()));
        item.put("status", s(run.status().name()));
        item.put("trigger", s(run.trigger().name()));
        item.put("dryRun", AttributeValue.fromBool(run.dryRun()));
        item.put("startedAt", s(run.startedAt().toString()));
        item.put("deadline", s(run.deadline().toString()));
        if (run.finishedAt() != null) {
            item.put("finishedAt", s(run.finishedAt().toString()));
        }
        item.put("shardsTotal", n(run.shardsTotal()));
        item.put("shardsDone", n(run.shardsDone()));
        item.put("failedShards", AttributeValue.fromL(run.failedShards().stream().map(DynamoDbRunLedger::failed)
                .toList()));
        run.counts().forEach((kind, count) -> item.put(COUNT + kind.name(), n(count)));
        return item;
    }

    private static RunRecord record(String runId, Map<String, AttributeValue> item) {
        List<ShardFailure> failed = new ArrayList<>();
        item.getOrDefault("failedShards", AttributeValue.fromL(List.of())).l().forEach(f -> failed.add(new ShardFailure(
                new Shard(f.m().get("account").s(), f.m().get("region").s()), f.m().get("reason").s())));
        Map<PoolOutcome.Kind, Integer> counts = new EnumMap<>(PoolOutcome.Kind.class);
        for (PoolOutcome.Kind kind : PoolOutcome.Kind.values()) {
            if (item.containsKey(COUNT + kind.name())) {
                counts.put(kind, Integer.parseInt(item.get(COUNT + kind.name()).n()));
            }
        }
        return RunRecord.builder().runId(runId).status(RunRecord.Status.valueOf(item.get("status").s()))
                .trigger(Trigger.Kind.valueOf(item.get("trigger").s())).dryRun(item.get("dryRun").bool())
                .startedAt(Instant.parse(item.get("startedAt").s())).deadline(Instant.parse(item.get("deadline").s()))
                .finishedAt(item.containsKey("finishedAt") ? Instant.parse(item.get("finishedAt").s()) : null)
                .shardsTotal(Integer.parseInt(item.get("shardsTotal").n()))
                .shardsDone(Integer.parseInt(item.get("shardsDone").n())).failedShards(failed).counts(counts).build();
    }

    private static AttributeValue failed(ShardFailure failure) {
        return AttributeValue.fromM(Map.of("account", s(failure.shard().account()),
                "region", s(failure.shard().region()), "reason", s(failure.reason())));
    }

    private static Map<String, AttributeValue> key(String runId) {
        return Map.of("pk", s(RUN + runId));
    }

    private static Map<String, AttributeValue> key(String runId, Shard shard) {
        return Map.of("pk", s(RUN + runId + "#" + shard.account() + "#" + shard.region()));
    }
}
