package kvspoolguard.local.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's Lambda Runtime Interface Emulator ({@code aws-lambda-rie}), the program `sam local` puts in
 * its containers: it serves the Runtime API to the function's runtime and takes invocations on
 * {@code POST /2015-03-31/functions/function/invocations}. `make tools` installs the pinned version
 * into .tools/bin with {@code go install}; system property {@code kvspoolguard.rie} or variable
 * {@code AWS_LAMBDA_RIE} may name another.
 *
 * <p>What it logs, and what this project reads of it: {@code INIT REPORT(durationMs: …)} on its
 * stderr when a runtime has initialised (the REPORT line's own "Init Duration" measures only RIE's
 * call to start init, not the runtime's), and Lambda's {@code REPORT RequestId: …} line on stdout
 * after each invocation, whose Duration includes the init of a cold invocation.
 */
public final class RuntimeInterfaceEmulator {

    static final String INVOCATIONS = "/2015-03-31/functions/function/invocations";
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: (\\S+)\\t(?:Init Duration: [0-9.]+ ms\\t)?Duration: ([0-9.]+) ms\\t");

    private RuntimeInterfaceEmulator() {
    }

    /** The executable: the property, the variable, or .tools/bin of this checkout or its parents. */
    public static Path locate() {
        String named = System.getProperty("kvspoolguard.rie", System.getenv("AWS_LAMBDA_RIE"));
        if (named != null && !named.isBlank()) {
            return requireExecutable(Path.of(named));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/bin/aws-lambda-rie");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("aws-lambda-rie not found in .tools/bin of this checkout or its parents: "
                + "run `make tools` (it needs Go), or set AWS_LAMBDA_RIE to its path");
    }

    private static Path requireExecutable(Path path) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("AWS_LAMBDA_RIE names " + path + ", which is not an executable");
        }
        return path;
    }

    /** The init duration of an {@code INIT REPORT} line, or -1 if the line is not one. */
    static double initReport(String line) {
        Matcher m = INIT_REPORT.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The Duration of request {@code requestId}'s REPORT line, or -1 if the line is not that. */
    static double report(String line, String requestId) {
        Matcher m = REPORT.matcher(line);
        return m.find() && m.group(1).equals(requestId) ? Double.parseDouble(m.group(2)) : -1;
    }
}
