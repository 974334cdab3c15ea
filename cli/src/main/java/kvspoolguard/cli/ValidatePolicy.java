package kvspoolguard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate-policy FILE}: every problem of a policy document, each with its place in the
 * document as a JSON Pointer, as the functions would judge it (see {@link PolicyProblems}).
 */
@Command(name = "validate-policy", mixinStandardHelpOptions = true,
        description = {"Checks a policy document (docs/policy.md) as the functions read it, and names every "
                + "problem with its place in the document (a JSON Pointer).",
                "Exit 0 when the document is valid, 1 when it has problems, 2 when it cannot be read."})
final class ValidatePolicy implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the policy document, a JSON file")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("kvs-pool-guard: no such file: " + file);
            return KvsPoolGuard.ERROR;
        } catch (IOException e) {
            spec.commandLine().getErr().println("kvs-pool-guard: cannot read " + file + ": " + e.getMessage());
            return KvsPoolGuard.ERROR;
        }
        List<PolicyProblems.Problem> problems = PolicyProblems.of(text);
        PrintWriter out = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            out.println(file + ": valid");
            return KvsPoolGuard.FINE;
        }
        out.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        for (PolicyProblems.Problem p : problems) {
            out.println("  " + (p.location().isEmpty() ? "(the document)" : p.location()) + ": " + p.message());
        }
        return KvsPoolGuard.FOUND_PROBLEMS;
    }
}
