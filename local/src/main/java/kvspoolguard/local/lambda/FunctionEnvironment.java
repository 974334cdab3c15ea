package kvspoolguard.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a function runs with locally, from lowest to highest precedence:
 * <ol>
 *   <li>what the template gives it, with Lambda's own variables (the SAM CLI resolved both);</li>
 *   <li>local defaults: endpoints of the local services and throwaway credentials (local/lambda.env);</li>
 *   <li>the caller's environment, for every variable of the two above, and for any AWS endpoint or
 *       credential variable, so {@code MIN_RETENTION_HOURS=48 AWS_ENDPOINT_URL_…=… make invoke}
 *       works against services someone else started;</li>
 *   <li>what only the runtime can know (its Runtime API address, the task root).</li>
 * </ol>
 */
public final class FunctionEnvironment {

    private FunctionEnvironment() {}

    public static Map<String, String> resolve(FunctionSpec spec, Map<String, String> localDefaults,
                                              Map<String, String> caller) {
        Map<String, String> env = new TreeMap<>(spec.environment());
        env.putAll(localDefaults);
        caller.forEach((name, value) -> {
            if (env.containsKey(name) || passesThrough(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** Variables the caller may add although neither the template nor the defaults name them. */
    static boolean passesThrough(String name) {
        return name.startsWith("AWS_ENDPOINT_URL")
                || name.equals("AWS_ACCESS_KEY_ID") || name.equals("AWS_SECRET_ACCESS_KEY")
                || name.equals("AWS_SESSION_TOKEN") || name.equals("JAVA_TOOL_OPTIONS");
    }

    /** KEY=VALUE lines; blank lines and # comments ignored. */
    public static Map<String, String> readDefaults(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ":" + n + ": expected KEY=VALUE, found: " + trimmed);
                }
                values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }
}
