package kvspoolguard.aws;

import static kvspoolguard.aws.Items.n;
import static kvspoolguard.aws.Items.s;
import static kvspoolguard.aws.Items.stored;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import kvspoolguard.core.policy.PolicyVersion;
import kvspoolguard.core.policy.PolicyVersions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The versions of the policy met, in the state table beside the pools: one item per digest,
 * {@code policy#<digest>}, put once on the condition that none is there, and its approval set by
 * an update that writes the version too when no run has met it yet. No {@code arn}: the pools'
 * index never holds them.
 */
public final class DynamoDbPolicyVersions implements PolicyVersions {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPolicyVersions(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<PolicyVersion> read(String digest) {
        return stored("read policy version " + digest, () -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(digest))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<PolicyVersion>empty() : Optional.of(version(item));
        });
    }

    @Override
    public boolean recordIfAbsent(PolicyVersion version) {
        Map<String, AttributeValue> item = new HashMap<>(key(version.digest()));
        Items.put(item, "version", version.version());
        item.put("seenAt", s(version.seenAt().toString()));
        item.put("increases", n(version.impact().increases()));
        item.put("decreases", n(version.impact().decreases()));
        item.put("hoursAtStake", n(version.impact().hoursAtStake()));
        item.put("held", AttributeValue.fromBool(version.held()));
        return stored("record policy version " + version.digest(), () -> {
            try {
                dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException recorded) {
                return false;
            }
        });
    }

    @Override
    public PolicyVersion approve(String digest, PolicyVersion.Approval approval, PolicyVersion unseen) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":by", s(approval.by()),
                ":at", s(approval.at().toString()), ":seenAt", s(unseen.seenAt().toString()), ":zero", n(0),
                ":held", AttributeValue.fromBool(false)));
        String setVersion = unseen.version() == null ? "" : ", version = if_not_exists(version, :version)";
        if (unseen.version() != null) {
            values.put(":version", s(unseen.version()));
        }
        String update = "SET approvedBy = :by, approvedAt = :at, seenAt = if_not_exists(seenAt, :seenAt), "
                + "increases = if_not_exists(increases, :zero), decreases = if_not_exists(decreases, :zero), "
                + "hoursAtStake = if_not_exists(hoursAtStake, :zero), held = if_not_exists(held, :held)" + setVersion;
        return stored("approve policy version " + digest, () -> version(dynamoDb.updateItem(r -> r.tableName(table)
                .key(key(digest)).updateExpression(update).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes()));
    }

    private static PolicyVersion version(Map<String, AttributeValue> item) {
        PolicyVersion.Approval approval = item.containsKey("approvedBy") ? new PolicyVersion.Approval(
                item.get("approvedBy").s(), Instant.parse(item.get("approvedAt").s())) : null;
        return new PolicyVersion(item.get("pk").s().substring("policy#".length()), Items.text(item, "version"),
                Instant.parse(item.get("seenAt").s()), new PolicyVersion.Impact(number(item, "increases"),
                number(item, "decreases"), number(item, "hoursAtStake")),
                item.containsKey("held") && item.get("held").bool(), approval);
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Integer.parseInt(item.get(name).n()) : 0;
    }

    private static Map<String, AttributeValue> key(String digest) {
        return Map.of("pk", s("policy#" + digest));
    }
}
