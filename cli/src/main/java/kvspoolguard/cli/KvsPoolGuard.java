package kvspoolguard.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kvs-pool-guard}: the read-only command line (docs/cli.md). Exit codes: 0 when all is
 * well, 1 when what was checked is not, 2 on an error (a bad option, a file it cannot read), with
 * a one-line reason.
 */
@Command(name = "kvs-pool-guard", mixinStandardHelpOptions = true, versionProvider = KvsPoolGuard.Version.class,
        description = "Retention governance for the KVS pools of Amazon Chime SDK media pipelines, read-only.",
        subcommands = {Report.class, ValidatePolicy.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all is well", "1:what was checked is not (a pool out of policy, a policy with problems)",
                        "2:an error: a bad option, a file that cannot be read, AWS out of reach"})
public final class KvsPoolGuard {

    static final int FINE = 0;
    static final int FOUND_PROBLEMS = 1;
    static final int ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line as the launcher does, writing to {@code out} and {@code err}; answers its exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new KvsPoolGuard())
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(e -> ERROR)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("kvs-pool-guard: " + oneLine(e));
                    return ERROR;
                })
                .execute(args);
    }

    /** An error as one line: its message, or its kind when it has none; never a stack trace. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KvsPoolGuard.class.getPackage().getImplementationVersion();
            return new String[] {"kvs-pool-guard " + (version == null ? "(development build)" : version)};
        }
    }
}
