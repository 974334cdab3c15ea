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
 * {@code policy#<digest>}, met once (an update on the condition that no run met it), and its
 * approval set by an update of its own, before or after. No {@code arn}: the pools' index never
 * holds them.
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
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":seenAt", s(version.seenAt().toString()),
                ":increases", n(version.impact().increases()), ":decreases", n(version.impact().decreases()),
                ":hours", n(version.impact().hoursAtStake()), ":held", AttributeValue.fromBool(version.held())));
        String setVersion = version.version() == null ? "" : ", version = :version";
        if (version.version() != null) {
            values.put(":version", s(version.version()));
        }
        String update = "SET seenAt = :seenAt, increases = :increases, decreases = :decreases, "
                + "hoursAtStake = :hours, held = :held" + setVersion;
        return stored("record policy version " + version.digest(), () -> {
            try {
                // an approval given before any run met the version keeps
                dynamoDb.updateItem(r -> r.tableName(table).key(key(version.digest())).updateExpression(update)
                        .conditionExpression("attribute_not_exists(seenAt)").expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException met) {
                return false;
            }
        });
    }

    @Override
    public PolicyVersion approve(String digest, String label, PolicyVersion.Approval approval) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":by", s(approval.by()),
                ":at", s(approval.at().toString())));
        String setVersion = label == null ? "" : ", version = if_not_exists(version, :version)";
        if (label != null) {
            values.put(":version", s(label));
        }
        String update = "SET approvedBy = :by, approvedAt = :at" + setVersion;
        return stored("approve policy version " + digest, () -> version(dynamoDb.updateItem(r -> r.tableName(table)
                .key(key(digest)).updateExpression(update).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes()));
    }

    private static PolicyVersion version(Map<String, AttributeValue> item) {
        PolicyVersion.Approval approval = item.containsKey("approvedBy") ? new PolicyVersion.Approval(
                item.get("approvedBy").s(), Instant.parse(item.get("approvedAt").s())) : null;
        String seenAt = Items.text(item, "seenAt");
        return new PolicyVersion(item.get("pk").s().substring("policy#".length()), Items.text(item, "version"),
                seenAt == null ? null : Instant.parse(seenAt), new PolicyVersion.Impact(number(item, "increases"),
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
