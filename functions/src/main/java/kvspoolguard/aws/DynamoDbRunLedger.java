package kvspoolguard.aws;

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
import kvspoolguard.core.run.Trigger;
import kvspoolguard.core.state.StateStoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The runs, in the state table beside the pools: one item per run, {@code run#<runId>}, and one
 * item, {@code runs#open}, whose string set {@code ids} names the runs started and not yet finished
 * or expired, so that overdue ones are found without a scan. A run's status only moves by
 * conditional writes: completed once, expired once.
 */
public final class DynamoDbRunLedger implements RunLedger {

    private static final String RUN = "run#";
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
                        .conditionExpression("attribute_not_exists(pk) OR #s <> :completed")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":completed", s(RunRecord.Status.COMPLETED.name()))));
            } catch (ConditionalCheckFailedException completed) {
                // a trigger delivered again after its run completed: the record stands
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
        item.put("failedShards", AttributeValue.fromL(run.failedShards().stream().map(f -> AttributeValue.fromM(Map.of(
                "account", s(f.shard().account()), "region", s(f.shard().region()), "reason", s(f.reason()))))
                .toList()));
        Map<String, AttributeValue> counts = new HashMap<>();
        run.counts().forEach((kind, count) -> counts.put(kind.name(), n(count)));
        item.put("counts", AttributeValue.fromM(counts));
        return item;
    }

    private static RunRecord record(String runId, Map<String, AttributeValue> item) {
        List<ShardFailure> failed = new ArrayList<>();
        item.getOrDefault("failedShards", AttributeValue.fromL(List.of())).l().forEach(f -> failed.add(new ShardFailure(
                new Shard(f.m().get("account").s(), f.m().get("region").s()), f.m().get("reason").s())));
        Map<PoolOutcome.Kind, Integer> counts = new EnumMap<>(PoolOutcome.Kind.class);
        item.getOrDefault("counts", AttributeValue.fromM(Map.of())).m()
                .forEach((kind, count) -> counts.put(PoolOutcome.Kind.valueOf(kind), Integer.parseInt(count.n())));
        return new RunRecord(runId, RunRecord.Status.valueOf(item.get("status").s()),
                Trigger.Kind.valueOf(item.get("trigger").s()), item.get("dryRun").bool(),
                Instant.parse(item.get("startedAt").s()), Instant.parse(item.get("deadline").s()),
                item.containsKey("finishedAt") ? Instant.parse(item.get("finishedAt").s()) : null,
                Integer.parseInt(item.get("shardsTotal").n()), Integer.parseInt(item.get("shardsDone").n()), failed,
                counts);
    }

    private static Map<String, AttributeValue> key(String runId) {
        return Map.of("pk", s(RUN + runId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
