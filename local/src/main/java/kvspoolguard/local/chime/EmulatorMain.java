package kvspoolguard.local.chime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator in the foreground until interrupted: {@code make emulator PORT=4566 SEED=pools.json}.
 * Options: --port N (4566), --seed FILE (a JSON array of pools, as POST /_emulator/pools takes),
 * --transition-delay-ms N (1000), --account-id ID, --default-region R, --max-pools-per-region N,
 * --streams-per-pool N (2).
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("emulator: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws IOException, InterruptedException {
        ChimePoolEmulator.Builder builder = ChimePoolEmulator.builder().port(4566)
                .transitionDelay(Duration.ofSeconds(1));
        Path seedFile = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> builder.port(number(args[i], value));
                case "--seed" -> seedFile = value == null || value.isBlank() ? null : Path.of(value);
                case "--transition-delay-ms" -> builder.transitionDelay(
                        Duration.ofMillis(number(args[i], value)));
                case "--account-id" -> builder.accountId(required(args[i], value));
                case "--default-region" -> builder.defaultRegion(required(args[i], value));
                case "--max-pools-per-region" -> builder.maxPoolsPerRegion(number(args[i], value));
                case "--streams-per-pool" -> builder.streamsPerPool(number(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --port --seed --transition-delay-ms --account-id --default-region"
                        + " --max-pools-per-region --streams-per-pool");
            }
            i++;
        }
        if (seedFile != null && !Files.isRegularFile(seedFile)) {
            throw new IllegalArgumentException("seed file not found: " + seedFile);
        }
        ChimePoolEmulator emulator = builder.build().start();
        if (seedFile != null) {
            System.out.printf("seeding %d pools from %s%n", emulator.seed(seedFile).size(), seedFile);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.printf("Chime KVS pool emulator on %s (account %s, %d pools seeded, admin at %s%s)%n",
                emulator.endpoint(), emulator.accountId(), emulator.pools().size(), emulator.endpoint(), "/_emulator/");
        System.out.printf("STS on the same endpoint: AWS_ENDPOINT_URL_STS=%s; a 12-digit access key is that account%n",
                emulator.endpoint());
        System.out.printf("the pools' streams on the same endpoint: AWS_ENDPOINT_URL_KINESIS_VIDEO=%s%n",
                emulator.endpoint());
        stopped.await();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(required(option, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got " + value);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
