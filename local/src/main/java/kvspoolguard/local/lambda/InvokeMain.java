package kvspoolguard.local.lambda;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code make invoke FUNCTION=<LogicalId> EVENT=<file>}: runs the sam-built function once under
 * AWS's Runtime Interface Emulator, with the local AWS services it needs ({@link OnDemandServices}).
 * The response goes to stdout; the function's log and RIE's lines (START, END, REPORT, its own)
 * go to stderr. Exit status: 0 when the function answered, 1 when it failed (its
 * error document is still printed on stdout), 2 when it could not be run at all.
 */
public final class InvokeMain {

    private static final List<String> OPTIONS = List.of("--spec", "--function", "--event", "--env", "--runtime");

    private InvokeMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> caller, PrintStream out, PrintStream err) {
        LocalFunction.Invocation invocation;
        try {
            CliOptions options = new CliOptions(args, OPTIONS);
            LocalSpec spec = LocalSpec.read(options.existingFile("--spec"));
            FunctionSpec function = spec.function(options.required("--function"));
            byte[] event = Files.readAllBytes(options.existingFile("--event"));
            Map<String, String> defaults = options.get("--env", null) == null ? Map.of()
                    : FunctionEnvironment.readDefaults(options.existingFile("--env"));
            Path runtime = Path.of(options.required("--runtime"));
            try (OnDemandServices services = OnDemandServices.start(caller, List.of(function), spec.queues().values(), err::println)) {
                Map<String, String> environment = FunctionEnvironment.resolve(function, defaults,
                        services.callerWithEndpoints(caller));
                try (LocalFunction local = LocalFunction.of(function, environment, runtime, err::println)) {
                    invocation = local.invoke(event);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("invoke: " + e.getMessage());
            return 2;
        }
        out.println(invocation.payloadText());
        out.flush();
        if (invocation.failed()) {
            err.println("invoke: the function failed (" + invocation.errorType() + ")");
            return 1;
        }
        return 0;
    }

}
