package kvspoolguard.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The AWS API calls the functions' compiled code makes, read from its bytecode (every call of an SDK
 * client method), as the IAM actions that allow them: what the template must allow, and no more.
 */
final class CodeCalls {

    /** SDK client interfaces and the IAM prefix of their service. */
    private static final Map<String, String> CLIENTS = Map.of(
            "software/amazon/awssdk/services/chimesdkmediapipelines/ChimeSdkMediaPipelinesClient", "chime",
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient", "dynamodb",
            "software/amazon/awssdk/services/eventbridge/EventBridgeClient", "events",
            "software/amazon/awssdk/services/sqs/SqsClient", "sqs",
            // SSM's one call goes through the functions' own reader, made of the SDK's parts
            "kvspoolguard/aws/ParameterStore", "ssm",
            // and Organizations' three through its own
            "kvspoolguard/aws/OrganizationsApi", "organizations");
    /** SDK classes that make an API call of their own when the code uses them. */
    private static final Map<String, String> CALLS_MADE_BY = Map.of(
            // the provider of member sessions calls AssumeRole, and renews the session the same way
            "software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider", "sts:AssumeRole");
    /** Calls IAM authorises as another action. */
    private static final Map<String, String> AUTHORISED_AS = Map.of(
            // a transaction is authorised as the writes it holds: the run ledger's are updates
            "dynamodb:TransactWriteItems", "dynamodb:UpdateItem",
            "sqs:SendMessageBatch", "sqs:SendMessage");
    /** Client methods that are not API calls. */
    private static final Set<String> NOT_CALLS = Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter", "<init>", "fromEnvironment");

    private CodeCalls() {
    }

    static Set<String> iamActions(Path classes) {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> actionsIn(read(f), actions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    private static void actionsIn(ClassModel model, Set<String> actions) {
        model.methods().forEach(method -> method.code().ifPresent(code -> code.forEach(element -> {
            if (element instanceof InvokeInstruction call && CALLS_MADE_BY.containsKey(call.owner().asInternalName())) {
                actions.add(CALLS_MADE_BY.get(call.owner().asInternalName()));
            } else if (element instanceof InvokeInstruction call
                    && !call.owner().asInternalName().equals(model.thisClass().asInternalName())) {
                String service = CLIENTS.get(call.owner().asInternalName());
                String name = call.name().stringValue();
                if (service != null && !NOT_CALLS.contains(name)) {
                    String operation = name.endsWith("Paginator") ? name.substring(0, name.length() - 9) : name;
                    String action = service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
                    actions.add(AUTHORISED_AS.getOrDefault(action, action));
                }
            }
        })));
    }

    private static ClassModel read(Path file) {
        try {
            return ClassFile.of().parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
