package kvspoolguard.local.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A method of {@link TestHandlers} as a function under RIE, with the variables Lambda gives every function. */
final class TestFunctions {

    private static final Path TASK_ROOT = Path.of("target", "test-classes").toAbsolutePath();
    private static final Path RUNTIME = Path.of("target", "lambda-runtime");

    private TestFunctions() {
    }

    static LocalFunction of(String method, int timeoutSeconds, Consumer<String> log) {
        String name = "test-" + method;
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", name,
                "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/test", "AWS_LAMBDA_LOG_STREAM_NAME", "local");
        FunctionSpec spec = new FunctionSpec(name, TestHandlers.class.getName() + "::" + method, "java25", 256,
                timeoutSeconds, TASK_ROOT, Set.of(), env);
        return LocalFunction.of(spec, env, RUNTIME, log);
    }
}
