package kvspoolguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.lambda.LocalFunction;

/**
 * The logging backends the functions could ship, side by side: the enforcer as `sam build` built
 * it (Logback) and copies of it whose SLF4J provider is another, cold-started in turn on the same
 * event as {@link ColdStartBench}'s, with each one's package size. The code is the same in each:
 * it logs through SLF4J's API only, so a backend is its jars and its configuration.
 */
final class LoggingBench {

    /** A backend: the jars it adds (none: as built), its configuration files, and what choosing it gives up. */
    record Candidate(String name, String folder, List<String> configuration, String givesUp) {
    }

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("Logback 1.5 + logstash-logback-encoder (shipped)", null, List.of(),
                    "nothing: the fields and queries of docs/operations.md"),
            new Candidate("Log4j 2 + Powertools' JSON layout (before)", "log4j2",
                    List.of("log4j2.xml", "log4j2.component.properties"),
                    "nothing of the fields; 2.3 MB and Log4j's start"),
            new Candidate("no SLF4J provider (Lambda's runtime logger)", "none", List.of(),
                    "every field: Lambda's JSON format has timestamp, level, message and requestId only, so the "
                            + "queries on runId, poolArn, counts... fail, and the libraries' warnings are lost"));

    record Measured(Candidate candidate, List<Double> initMs, List<Double> firstMs, double packageMb) {
    }

    private final BenchStack stack;
    private final SampleEvents events;

    LoggingBench(BenchStack stack, SampleEvents events) {
        this.stack = stack;
        this.events = events;
    }

    List<Measured> run(Path build, Path candidateJars, Path work, int starts) {
        stack.chime.reset();
        stack.chime.seed(EmulatedPool.active(ColdStartBench.POOL, Fleet.COMPLIANT_HOURS));
        String arn = stack.chime.poolArn("us-east-1", ColdStartBench.POOL);
        Map<String, String> resources = stack.freshResources();
        List<Path> roots = new ArrayList<>();
        List<Measured> measured = new ArrayList<>();
        for (Candidate candidate : CANDIDATES) {
            Path root = candidate.folder() == null ? build : variant(build, candidateJars, work, candidate);
            roots.add(root);
            measured.add(new Measured(candidate, new ArrayList<>(), new ArrayList<>(),
                    PackageSize.of(root, BenchStack.ENFORCER).zipMb()));
        }
        stack.note("logging: first observation (not measured)");
        ColdStartBench.firstResponse(stack.function(BenchStack.ENFORCER, resources, Map.of()), events.poolUpdated(arn));
        for (int i = 0; i < starts; i++) {
            for (int c = 0; c < CANDIDATES.size(); c++) {
                stack.note("logging: " + CANDIDATES.get(c).name() + ", start " + (i + 1));
                LocalFunction.Report report = ColdStartBench.firstResponse(stack.function(BenchStack.ENFORCER,
                        roots.get(c).resolve(BenchStack.ENFORCER), resources, Map.of()), events.poolUpdated(arn));
                measured.get(c).initMs().add(report.initDurationMs());
                measured.get(c).firstMs().add(report.durationMs());
            }
        }
        return measured;
    }

    /** The built enforcer with the candidate's SLF4J provider instead of Logback. */
    private static Path variant(Path build, Path candidateJars, Path work, Candidate candidate) {
        Path root = work.resolve("logging").resolve(candidate.folder());
        Path function = root.resolve(BenchStack.ENFORCER);
        try {
            if (Files.exists(root)) {
                try (Stream<Path> old = Files.walk(root)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(LoggingBench::delete);
                }
            }
            Path from = build.resolve(BenchStack.ENFORCER);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    // sam build names a jar after its group too: ch.qos.logback.logback-classic-1.5.38.jar
                    if ((name.endsWith(".jar") && name.contains("logback"))
                            || name.equals("ch.qos.logback.classic.spi.Configurator")) {
                        continue;
                    }
                    Path to = function.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            try (Stream<Path> jars = Files.list(candidateJars.resolve(candidate.folder()))) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, function.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String file : candidate.configuration()) {
                try (InputStream in = LoggingBench.class.getResourceAsStream("/logging-candidates/" + candidate.folder()
                        + "/" + file)) {
                    Files.copy(in, function.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
