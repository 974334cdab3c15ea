package kvspoolguard.local.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import kvspoolguard.local.lambda.CliOptions;
import kvspoolguard.local.lambda.LocalSpec;

/**
 * {@code make demo}: see {@link Demo}. Exits 0 when the demo ran through, 1 when a step failed,
 * 2 when it could not start; in every case, and on Ctrl-C, after stopping what it started.
 */
public final class DemoMain {

    private static final List<String> OPTIONS =
            List.of("--spec", "--runtime", "--fleet", "--policy", "--events", "--log");

    private DemoMain() {}

    private static boolean interruptedSoon(AtomicBoolean interrupted) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            return true;
        }
        return interrupted.get();
    }

    public static void main(String[] args) {
        Demo demo;
        try {
            CliOptions options = new CliOptions(args, OPTIONS);
            demo = new Demo(LocalSpec.read(options.existingFile("--spec")), Path.of(options.required("--runtime")),
                    options.existingFile("--fleet"), options.existingFile("--policy"),
                    Path.of(options.get("--events", "events")), Path.of(options.get("--log", ".aws-sam/demo.log")),
                    System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C reaches the children too (one process group), so a step may fail just before the
        // hook runs: failures during an interrupt are not reported as the demo's own
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            interrupted.set(true);
            System.out.println("\nInterrupted: stopping every process the demo started.");
            demo.close();
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int status = 0;
        try {
            demo.run();
        } catch (Exception e) {
            status = 1;
            if (!interruptedSoon(interrupted)) {
                System.err.println("demo failed: " + e.getMessage());
            }
        } finally {
            demo.close();
        }
        if (interrupted.get()) {
            return; // the JVM is already shutting down; System.exit would wait for the hook forever
        }
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        System.exit(status);
    }
}
