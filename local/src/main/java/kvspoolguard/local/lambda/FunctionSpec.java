package kvspoolguard.local.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One function of the built template as `sam local` would run it: the SAM CLI's own providers
 * resolved it (sam_local_spec.py). {@code environment} holds Lambda's own variables and the
 * template's, parameters applied; {@code templateVariables} names the template's.
 */
public record FunctionSpec(
        String name,
        String handler,
        String runtime,
        int memoryMb,
        int timeoutSeconds,
        Path codeUri,
        Set<String> templateVariables,
        Map<String, String> environment) {

    public FunctionSpec {
        templateVariables = Set.copyOf(templateVariables);
        environment = Map.copyOf(environment);
    }

    /** Whether the Java runtime interface client can run it here. */
    void requireRunnable() {
        if (runtime == null || !runtime.startsWith("java")) {
            throw new IllegalArgumentException(name + " has runtime " + runtime + "; the local runners start Java functions only");
        }
        if (!codeUri.toFile().isDirectory()) {
            throw new IllegalArgumentException(name + ": no built code at " + codeUri + " (run `sam build`)");
        }
    }
}
