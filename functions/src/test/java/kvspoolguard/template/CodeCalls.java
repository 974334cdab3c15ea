package kvspoolguard.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The AWS API calls a function's compiled code can make, read from its bytecode, as the IAM actions
 * that allow them: what the template must allow that function, and no more. From the handler
 * class, every method that can run is followed (static initialisers, constructors, lambdas, and
 * for a call through an interface or a superclass each of the project's classes that implements
 * it), and each call of an SDK client method on that path is an action.
 */
final class CodeCalls {

    /** SDK client interfaces and the IAM prefix of their service. */
    private static final Map<String, String> CLIENTS = Map.of(
            "software/amazon/awssdk/services/chimesdkmediapipelines/ChimeSdkMediaPipelinesClient", "chime",
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient", "dynamodb",
            "software/amazon/awssdk/services/sqs/SqsClient", "sqs",
            "software/amazon/awssdk/services/sts/StsClient", "sts",
            // SSM's one call goes through the functions' own reader, made of the SDK's parts
            "kvspoolguard/aws/ParameterStore", "ssm",
            // and Organizations' four through its own
            "kvspoolguard/aws/OrganizationsApi", "organizations",
            // and EventBridge's PutEvents through its own
            "kvspoolguard/aws/EventBusApi", "events",
            // and Kinesis Video Streams' three through its own
            "kvspoolguard/aws/KinesisVideoApi", "kinesisvideo");
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
    private static final String PROJECT = "kvspoolguard/";
    /**
     * SnapStart's priming: its clients send their requests to an HTTP client of its own, answered in
     * the process (PrimingIT), so they need no permission and are not followed.
     */
    private static final String IN_PROCESS = "kvspoolguard/aws/SdkPriming";
    /** An SDK service client: a call of one that {@link #CLIENTS} does not name is refused, never passed over. */
    private static final java.util.regex.Pattern SDK_CLIENT =
            java.util.regex.Pattern.compile("software/amazon/awssdk/services/[^/]+/[A-Za-z0-9]+Client");

    private record MethodRef(String owner, String name, String type) {
    }

    private final Map<String, ClassModel> classes = new HashMap<>();
    private final Map<String, List<String>> subtypes = new HashMap<>();

    private CodeCalls(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).map(CodeCalls::read)
                    .filter(model -> !model.thisClass().asInternalName().startsWith(IN_PROCESS))
                    .forEach(model -> classes.put(model.thisClass().asInternalName(), model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        classes.values().forEach(model -> supertypes(model).forEach(s ->
                subtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(model.thisClass().asInternalName())));
    }

    /** Every call any class of {@code root} makes. */
    static Set<String> iamActions(Path root) {
        Set<String> actions = new TreeSet<>();
        CodeCalls code = new CodeCalls(root);
        code.classes.values().forEach(model -> model.methods().forEach(m -> code.callsIn(model, m, actions, null)));
        return actions;
    }

    /** The calls the function whose handler is {@code handler} ({@code pkg.Class}) can make. */
    static Set<String> iamActions(Path root, String handler) {
        CodeCalls code = new CodeCalls(root);
        String entry = handler.replace('.', '/');
        if (!code.classes.containsKey(entry)) {
            throw new IllegalArgumentException("no class " + handler + " in " + root);
        }
        return code.reachableCalls(entry);
    }

    private Set<String> reachableCalls(String handler) {
        Set<String> actions = new TreeSet<>();
        Set<MethodRef> seen = new HashSet<>();
        Set<String> touched = new HashSet<>();
        Deque<MethodRef> work = new ArrayDeque<>();
        ClassModel entry = classes.get(handler);
        entry.methods().stream().filter(m -> !m.flags().has(java.lang.reflect.AccessFlag.STATIC)
                        || m.methodName().equalsString("<clinit>"))
                .forEach(m -> work.add(new MethodRef(handler, m.methodName().stringValue(), m.methodType().stringValue())));
        touch(handler, touched, work);
        while (!work.isEmpty()) {
            MethodRef ref = work.poll();
            if (!seen.add(ref)) {
                continue;
            }
            ClassModel owner = classes.get(ref.owner());
            MethodModel method = owner == null ? null : find(owner, ref);
            if (method == null) {
                continue;
            }
            List<MethodRef> next = new ArrayList<>();
            callsIn(owner, method, actions, next);
            for (MethodRef callee : next) {
                touch(callee.owner(), touched, work);
                work.add(callee);
            }
        }
        return actions;
    }

    /** A class first used: its static initialiser runs, and so may what overrides the JDK's or SDK's methods. */
    private void touch(String owner, Set<String> touched, Deque<MethodRef> work) {
        if (!classes.containsKey(owner) || !touched.add(owner)) {
            return;
        }
        ClassModel model = classes.get(owner);
        work.add(new MethodRef(owner, "<clinit>", "()V"));
        for (MethodModel m : model.methods()) {
            if (!m.flags().has(java.lang.reflect.AccessFlag.STATIC) && overridesOutside(model, m)) {
                work.add(new MethodRef(owner, m.methodName().stringValue(), m.methodType().stringValue()));
            }
        }
    }

    /**
     * The calls in one method: SDK calls become actions; calls of the project's methods (with each
     * override, for a virtual call), the bodies of its lambdas and method references, and the
     * classes whose statics it reads go to {@code next} (null: actions only).
     */
    private void callsIn(ClassModel model, MethodModel method, Set<String> actions, List<MethodRef> next) {
        method.code().ifPresent(code -> code.forEach(element -> {
            switch (element) {
                case InvokeInstruction call -> {
                    String owner = call.owner().asInternalName();
                    String name = call.name().stringValue();
                    if (sdkCall(model, owner, name, actions)) {
                        return;
                    }
                    if (next != null && owner.startsWith(PROJECT)) {
                        String type = call.type().stringValue();
                        next.add(new MethodRef(owner, name, type));
                        if (call.opcode() == Opcode.INVOKEVIRTUAL || call.opcode() == Opcode.INVOKEINTERFACE) {
                            overrides(owner, name, type).forEach(next::add);
                        }
                    }
                }
                case InvokeDynamicInstruction dynamic -> {
                    for (ConstantDesc argument : dynamic.bootstrapArgs()) {
                        if (argument instanceof DirectMethodHandleDesc handle) {
                            String owner = handle.owner().descriptorString();
                            owner = owner.substring(1, owner.length() - 1);
                            // a method reference to a client's call (dynamoDb::getItem) is that call
                            if (!sdkCall(model, owner, handle.methodName(), actions) && next != null
                                    && owner.startsWith(PROJECT)) {
                                next.add(new MethodRef(owner, handle.methodName(), handle.lookupDescriptor()));
                                overrides(owner, handle.methodName(), handle.lookupDescriptor()).forEach(next::add);
                            }
                        }
                    }
                }
                case FieldInstruction field when next != null && field.owner().asInternalName().startsWith(PROJECT) ->
                        next.add(new MethodRef(field.owner().asInternalName(), "<clinit>", "()V"));
                default -> { }
            }
        }));
    }

    /**
     * Whether {@code owner.name} is a call of an SDK client (or of a class that makes one), added to
     * {@code actions}; a client this class does not know fails the check rather than pass unseen.
     */
    private static boolean sdkCall(ClassModel model, String owner, String name, Set<String> actions) {
        if (CALLS_MADE_BY.containsKey(owner)) {
            actions.add(CALLS_MADE_BY.get(owner));
            return true;
        }
        if (CLIENTS.containsKey(owner)) {
            if (!NOT_CALLS.contains(name) && !owner.equals(model.thisClass().asInternalName())) {
                String operation = name.endsWith("Paginator") ? name.substring(0, name.length() - 9) : name;
                String action = CLIENTS.get(owner) + ":" + Character.toUpperCase(operation.charAt(0))
                        + operation.substring(1);
                actions.add(AUTHORISED_AS.getOrDefault(action, action));
            }
            return true;
        }
        if (SDK_CLIENT.matcher(owner).matches() && !NOT_CALLS.contains(name)) {
            throw new IllegalStateException(model.thisClass().asInternalName() + " calls " + owner + "." + name
                    + ", a client CodeCalls does not map to IAM actions: add it to CLIENTS");
        }
        return false;
    }

    /** The method {@code ref} names, in its class or the nearest supertype that declares it (a default method). */
    private MethodModel find(ClassModel model, MethodRef ref) {
        for (MethodModel m : model.methods()) {
            if (m.methodName().equalsString(ref.name()) && m.methodType().equalsString(ref.type())) {
                return m;
            }
        }
        for (String s : supertypes(model)) {
            ClassModel above = classes.get(s);
            MethodModel found = above == null ? null : find(above, ref);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Each of the project's methods that overrides {@code name type} of {@code owner}. */
    private List<MethodRef> overrides(String owner, String name, String type) {
        List<MethodRef> found = new ArrayList<>();
        Deque<String> below = new ArrayDeque<>(subtypes.getOrDefault(owner, List.of()));
        Set<String> visited = new HashSet<>();
        while (!below.isEmpty()) {
            String sub = below.poll();
            if (!visited.add(sub)) {
                continue;
            }
            found.add(new MethodRef(sub, name, type));
            below.addAll(subtypes.getOrDefault(sub, List.of()));
        }
        return found;
    }

    /** The direct superclass and interfaces of a class. */
    private static List<String> supertypes(ClassModel model) {
        List<String> supers = new ArrayList<>();
        model.superclass().ifPresent(s -> supers.add(s.asInternalName()));
        model.interfaces().forEach(i -> supers.add(i.asInternalName()));
        return supers;
    }

    /** Whether {@code method} overrides one of a JDK or SDK supertype's, which code outside the project calls. */
    private boolean overridesOutside(ClassModel model, MethodModel method) {
        for (String s : supertypes(model)) {
            if (classes.containsKey(s)) {
                if (overridesOutside(classes.get(s), method)) {
                    return true;
                }
                continue;
            }
            try {
                Class<?> type = Class.forName(s.replace('/', '.'), false, CodeCalls.class.getClassLoader());
                for (Class<?> t = type; t != null; t = t.getSuperclass()) {
                    if (declares(t, method)) {
                        return true;
                    }
                }
                for (Class<?> i : allInterfaces(type)) {
                    if (declares(i, method)) {
                        return true;
                    }
                }
            } catch (ClassNotFoundException e) {
                return true; // a supertype this test cannot see: assume it calls every method
            }
        }
        return false;
    }

    private static boolean declares(Class<?> type, MethodModel method) {
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && method.methodName().equalsString(m.getName())
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()
                    .equals(method.methodType().stringValue())) {
                return true;
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> all = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            pending.addAll(List.of(t.getInterfaces()));
        }
        while (!pending.isEmpty()) {
            Class<?> i = pending.poll();
            if (all.add(i)) {
                pending.addAll(List.of(i.getInterfaces()));
            }
        }
        return all;
    }

    private static ClassModel read(Path file) {
        try {
            return ClassFile.of().parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
